package io.nuage.storage;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a disk export is in its life, as observed; written lowercase in the API and the database. */
public enum ExportPhase {
    /** Asked for: KubeVirt prepares the export server, or waits until the volume is free (no running instance uses it). */
    PENDING,
    /** The links serve the volume to whoever has the token. */
    READY,
    /** Its time is over: the VirtualMachineExport and the token's Secret are gone; the row stays until deleted. */
    EXPIRED,
    /** KubeVirt could not export the volume; the message says why. */
    FAILED,
    DELETING,
    /** A tombstone's: kept for history, never shown by the API. */
    DELETED;

    @JsonValue
    public String key() {
        return name().toLowerCase();
    }

    public static ExportPhase of(String key) {
        return valueOf(key.toUpperCase());
    }
}
