package io.nuage.sla;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

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

    /** Looked up, not upper-cased: a month report reads several per resource. */
    private static final Map<String, Category> BY_WIRE = Arrays.stream(values()).collect(Collectors.toMap(Category::wire, c -> c));

    public static Category of(String wire) {
        Category c = BY_WIRE.get(wire);
        return c != null ? c : valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /** An outage: the categories the minimum outage length applies to. */
    public boolean outage() {
        return this == DOWN || this == MAINTENANCE;
    }
}
