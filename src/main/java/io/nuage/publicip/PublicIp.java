package io.nuage.publicip;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A public address as the API shows it. */
public record PublicIp(
        @Schema(required = true) UUID id,
        @Schema(required = true) String name,
        String region,
        @Schema(description = "The region's country, ISO 3166-1 alpha-2") String country,
        @Schema(description = "The IPv4 address, allocated from the region's pool; it never changes") String address,
        @Schema(description = "The instance it is attached to; null when detached") String instance,
        @Schema(description = "The ports forwarded to the instance while attached") List<PublicPort> ports,
        Map<String, String> labels,
        long generation,
        PublicIpStatus status,
        Instant createdAt,
        Instant updatedAt) {
}
