package io.nuage.sla;

/** Which figure a tenant's SLA target is judged on ({@code nuage.sla.breach-basis}). */
enum BreachBasis {
    /** Maintenance counted as downtime: the default. */
    AVAILABILITY,
    /** Announced maintenance left out. */
    SLA_AVAILABILITY;

    /** {@code sla_availability}, or anything else for {@link #AVAILABILITY}. */
    static BreachBasis of(String configured) {
        return "sla_availability".equals(configured) ? SLA_AVAILABILITY : AVAILABILITY;
    }

    /** The percentage judged: null when nothing was measured. */
    Double judged(Totals t) {
        return this == SLA_AVAILABILITY ? t.slaAvailabilityPercent() : t.availabilityPercent();
    }
}
