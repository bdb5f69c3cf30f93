package io.nuage.image;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where an image is in its life, as observed; written lowercase in the API and the database. */
public enum ImagePhase {
    /** No DataVolume yet (the catalog's namespace being made, a snapshot's content awaited). */
    PENDING,
    /** CDI is copying the image in: importing, or restoring a snapshot. */
    IMPORTING,
    /** Imported and published: its DataSource is Ready, boot disks can clone it. */
    READY,
    FAILED,
    DELETING,
    /** A tombstone's: kept for history, never shown by the API. */
    DELETED;

    @JsonValue
    public String key() {
        return name().toLowerCase();
    }

    public static ImagePhase of(String key) {
        return valueOf(key.toUpperCase());
    }
}
