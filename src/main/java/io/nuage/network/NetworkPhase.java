package io.nuage.network;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a network is in its life, as observed; written lowercase in the API and the database. */
public enum NetworkPhase {
    PENDING,
    READY,
    DELETING,
    /** A tombstone's: kept for history, never shown by the API. */
    DELETED;

    @JsonValue
    public String key() {
        return name().toLowerCase();
    }

    public static NetworkPhase of(String key) {
        return valueOf(key.toUpperCase());
    }
}
