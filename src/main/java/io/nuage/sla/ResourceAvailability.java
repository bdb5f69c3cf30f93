package io.nuage.sla;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One resource's availability over [from, to). Minutes are rounded to 2 decimals, percentages to 4. */
public record ResourceAvailability(
        String kind, String name, UUID id, Instant from, Instant to,
        @Schema(description = "Up time over up + down + maintenance time (maintenance counts as downtime); null when nothing was measured")
        Double availabilityPercent,
        @Schema(description = "Up time over up + down time: announced maintenance left out (the usual contractual definition)")
        Double slaAvailabilityPercent,
        @Schema(description = "Up + down + maintenance: stopped, provisioning and unknown time are not measured")
        double measuredMinutes,
        double uptimeMinutes,
        @Schema(description = "Outages of at least nuage.sla.minimum-outage (default 1 minute); shorter ones count as up")
        double downtimeMinutes,
        double maintenanceMinutes,
        @Schema(description = "Time no Nuage replica was observing: reported, counted neither up nor down")
        double unknownMinutes,
        double stoppedMinutes,
        double provisioningMinutes,
        List<Incident> incidents) {
}
