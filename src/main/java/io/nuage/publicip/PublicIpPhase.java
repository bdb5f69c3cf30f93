package io.nuage.publicip;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a public address is in its life, as observed; written lowercase in the API and the database. */
public enum PublicIpPhase {
    /** Just allocated: the reconciler has not looked yet. */
    PENDING,
    /** Held and attached to nothing: no Service. */
    ALLOCATED,
    /** Attached as desired, the load balancer not yet announcing the address. */
    ATTACHING,
    /** The Service's load-balancer ingress shows the address. */
    ATTACHED,
    /** Detached as desired, the Service not yet gone. */
    DETACHING,
    /** The load balancer announces another address than the one held (it ignored the pin). */
    FAILED,
    DELETING,
    /** A tombstone's: kept for history, never shown by the API. */
    DELETED;

    @JsonValue
    public String key() {
        return name().toLowerCase();
    }

    public static PublicIpPhase of(String key) {
        return valueOf(key.toUpperCase());
    }
}
