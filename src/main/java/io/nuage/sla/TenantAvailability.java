package io.nuage.sla;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant's month: its total over every resource, judged against its SLA target, and one line per resource. */
public record TenantAvailability(
        String tenant, String month, Instant from, Instant to,
        double slaTarget,
        @Schema(enumeration = { "availability", "sla_availability" },
                description = "Which figure the target is judged on (nuage.sla.breach-basis)") String breachBasis,
        Double availabilityPercent,
        Double slaAvailabilityPercent,
        double measuredMinutes,
        double downtimeMinutes,
        double maintenanceMinutes,
        double unknownMinutes,
        boolean breached,
        @Schema(description = "Credit on the month's bill, from nuage.sla.credit-tiers") double serviceCreditPercent,
        List<Line> resources) {

    /** One resource's month, deleted ones included. */
    public record Line(String kind, String name, java.util.UUID id, Double availabilityPercent, Double slaAvailabilityPercent,
            double measuredMinutes, double downtimeMinutes, double maintenanceMinutes, double unknownMinutes, boolean breached) {
    }
}
