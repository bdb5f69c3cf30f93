package io.nuage.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.nuage.environment.EnvironmentStatus;

/** An environment as the API shows it: its document (members' user data is never shown), its expiry, and its status. */
@Schema(name = "Environment")
public record EnvironmentView(UUID id, String name, Map<String, String> labels,
        @Schema(description = "Its time to live, as given") String ttl,
        @Schema(description = "When it and its members are deleted, unless extended") Instant expiresAt,
        List<NetworkCreate> networks, List<VolumeCreate> volumes, List<InstanceCreate> instances,
        long generation, Instant createdAt, Instant updatedAt, EnvironmentStatus status) {
}
