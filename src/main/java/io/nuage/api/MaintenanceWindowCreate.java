package io.nuage.api;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/maintenance-windows}. */
public record MaintenanceWindowCreate(
        @Schema(description = "Only resources in this region; none: every region") String region,
        @Schema(description = "Only this tenant's resources; none: every tenant") String tenant,
        @Schema(required = true, description = "At least nuage.sla.maintenance-notice (default 24 h) from now") Instant startsAt,
        @Schema(required = true, description = "At most " + MaintenanceWindowResource.LONGEST_DAYS + " days after starts_at") Instant endsAt,
        @Schema(required = true, description = "Shown to tenants and in their availability reports",
                maxLength = MaintenanceWindowResource.REASON_MAX) String reason) {
}
