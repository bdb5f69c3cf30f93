package io.nuage.sla;

import java.util.Locale;

/** What a resource was during an interval of its history. */
public enum Category {
    /** Running as desired. */
    UP,
    /** Desired running but not running, or failed: counts against availability. */
    DOWN,
    /** Down during an operator-declared maintenance window. */
    MAINTENANCE,
    /** Stopped (or being deleted) at the tenant's request: not downtime. */
    STOPPED,
    /** Being created or started at the tenant's request: not downtime. */
    PROVISIONING,
    /** Gone: the last interval of a resource. */
    DELETED,
    /** No Nuage replica was observing. Reported, counted neither up nor down. */
    UNKNOWN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Category of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /** An outage: the categories the minimum outage length applies to. */
    public boolean outage() {
        return this == DOWN || this == MAINTENANCE;
    }
}
