package io.nuage.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code PATCH .../environments/{name}}: a list given replaces that kind's members. A member added is created, one
 * changed is changed as its own PATCH would, one left out is deleted.
 */
public record EnvironmentPatch(
        @Schema(description = "Cannot change; accepted when equal") String name,
        @Schema(pattern = EnvironmentDocument.TTL_PATTERN, description = "A new time to live, counted from now") String ttl,
        Map<String, String> labels,
        @Schema(maxItems = EnvironmentDocument.MEMBERS_MAX) List<NetworkCreate> networks,
        @Schema(maxItems = EnvironmentDocument.MEMBERS_MAX) List<VolumeCreate> volumes,
        @Schema(maxItems = EnvironmentDocument.MEMBERS_MAX) List<InstanceCreate> instances) implements PatchBody {
}
