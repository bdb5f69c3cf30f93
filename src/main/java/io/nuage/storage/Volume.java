package io.nuage.storage;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A volume as the API shows it. */
public record Volume(
        UUID id,
        String name,
        int sizeGib,
        String storageClass,
        VolumeSource source,
        Map<String, String> labels,
        long generation,
        VolumeStatus status,
        Instant createdAt,
        Instant updatedAt) {
}
