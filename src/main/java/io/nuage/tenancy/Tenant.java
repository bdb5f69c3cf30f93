package io.nuage.tenancy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant as the API shows it. */
public record Tenant(
        @Schema(required = true) UUID id,
        @Schema(required = true) String name,
        String displayName,
        Map<String, String> labels,
        Quota quota,
        List<String> regions,
        double slaTarget,
        Instant createdAt,
        Instant updatedAt) {
}
