package io.nuage.storage;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a volume is in its life, as observed; written lowercase in the API and the database. */
public enum VolumePhase {
    PENDING,
    /** CDI is copying data in: importing, cloning or restoring from a snapshot. */
    IMPORTING,
    READY,
    FAILED,
    DELETING,
    /** A tombstone's: kept for history, never shown by the API. */
    DELETED;

    @JsonValue
    public String key() {
        return name().toLowerCase();
    }

    public static VolumePhase of(String key) {
        return valueOf(key.toUpperCase());
    }
}
