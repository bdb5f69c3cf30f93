package io.nuage.storage;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where the last restore of a snapshot is; written lowercase (snake case) in the API and the database. */
public enum RestorePhase {
    /** Asked for, until KubeVirt reports the restore complete or failed. */
    IN_PROGRESS,
    COMPLETE,
    FAILED;

    @JsonValue
    public String key() {
        return name().toLowerCase();
    }

    public static RestorePhase of(String key) {
        return valueOf(key.toUpperCase());
    }
}
