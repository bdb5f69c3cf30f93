package io.nuage.storage;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A volume as the API shows it. */
public record Volume(
        @Schema(required = true) UUID id,
        @Schema(required = true) String name,
        int sizeGib,
        String storageClass,
        VolumeSource source,
        Map<String, String> labels,
        long generation,
        VolumeStatus status,
        Instant createdAt,
        Instant updatedAt) {
}
