package io.nuage.storage;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a volume's data comes from: exactly one field is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Exactly one of: blank ({}), image_url, registry, snapshot")
public record VolumeSource(
        @Schema(description = "An empty volume: {}") Map<String, Object> blank,
        @Schema(description = "A disk image to import over http(s), e.g. https://example.org/fedora.qcow2") String imageUrl,
        @Schema(description = "A container image holding a disk image, e.g. quay.io/containerdisks/fedora:41") String registry,
        @Schema(description = "The name of a snapshot of this tenant") String snapshot,
        @Schema(description = "With snapshot: which of the snapshot's volumes; needed when it holds several") String volume) {

    /** The kinds of source: the JSON field that names each, and {@code volumes.source_type}. */
    public enum Type {
        BLANK,
        IMAGE_URL,
        REGISTRY,
        SNAPSHOT;

        @JsonValue
        public String key() {
            return name().toLowerCase();
        }

        public static Type of(String key) {
            return valueOf(key.toUpperCase());
        }
    }

    public static VolumeSource blankSource() {
        return new VolumeSource(Map.of(), null, null, null, null);
    }

    /** The kind set, or null when none or several are. */
    public Type type() {
        int set = (blank != null ? 1 : 0) + (imageUrl != null ? 1 : 0) + (registry != null ? 1 : 0) + (snapshot != null ? 1 : 0);
        if (set != 1) {
            return null;
        }
        return blank != null ? Type.BLANK : imageUrl != null ? Type.IMAGE_URL : registry != null ? Type.REGISTRY : Type.SNAPSHOT;
    }

    /** The URL, image or snapshot name; null for blank. */
    public String value() {
        return imageUrl != null ? imageUrl : registry != null ? registry : snapshot;
    }

    /** The source a row stores: its type, value, and the snapshot's volume when it is one. */
    public static VolumeSource of(Type type, String value, String snapshotVolume) {
        return switch (type) {
            case IMAGE_URL -> new VolumeSource(null, value, null, null, null);
            case REGISTRY -> new VolumeSource(null, null, value, null, null);
            case SNAPSHOT -> new VolumeSource(null, null, null, value, snapshotVolume);
            case BLANK -> blankSource();
        };
    }
}
