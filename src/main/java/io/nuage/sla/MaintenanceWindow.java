package io.nuage.sla;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Maintenance an operator announced: in its scope (a region, a tenant, both, or everything),
 * downtime between {@code startsAt} and {@code endsAt} is recorded as maintenance.
 */
public record MaintenanceWindow(UUID id, String region, @JsonIgnore UUID tenantId, String tenant, Instant startsAt, Instant endsAt,
        String reason, Instant createdAt) {

    /** Whether the window covers a resource of {@code tenantId} in {@code region} (null: no region). */
    @JsonIgnore
    public boolean covers(UUID resourceTenant, String resourceRegion) {
        return (tenantId == null || tenantId.equals(resourceTenant)) && (region == null || region.equals(resourceRegion));
    }

    @JsonIgnore
    public boolean activeAt(Instant t) {
        return !t.isBefore(startsAt) && t.isBefore(endsAt);
    }
}
