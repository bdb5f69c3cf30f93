package io.nuage.tenancy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A tenant as the API shows it. */
public record Tenant(
        UUID id,
        String name,
        String displayName,
        Map<String, String> labels,
        Quota quota,
        List<String> regions,
        double slaTarget,
        Instant createdAt,
        Instant updatedAt) {
}
