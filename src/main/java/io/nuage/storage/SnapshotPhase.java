package io.nuage.storage;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a snapshot is in its life, as observed; written lowercase (snake case) in the API and the database. */
public enum SnapshotPhase {
    PENDING,
    IN_PROGRESS,
    READY,
    FAILED,
    DELETING,
    /** A tombstone's: kept for history, never shown by the API. */
    DELETED;

    @JsonValue
    public String key() {
        return name().toLowerCase();
    }

    public static SnapshotPhase of(String key) {
        return valueOf(key.toUpperCase());
    }
}
