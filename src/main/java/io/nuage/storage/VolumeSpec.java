package io.nuage.storage;

import java.util.Map;

/** The desired state of a volume as a request states it, validated. */
public record VolumeSpec(String name, int sizeGib, String storageClass, VolumeSource source, Map<String, String> labels,
        String region) {
}
