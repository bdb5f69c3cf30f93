package io.nuage.compute;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where an instance is in its life, as observed; written lowercase in the API and the database. */
public enum InstancePhase {
    PENDING,
    PROVISIONING,
    STARTING,
    RUNNING,
    STOPPING,
    STOPPED,
    FAILED,
    DELETING,
    /** A tombstone's: kept for history, never shown by the API. */
    DELETED;

    @JsonValue
    public String key() {
        return name().toLowerCase();
    }

    public static InstancePhase of(String key) {
        return valueOf(key.toUpperCase());
    }
}
