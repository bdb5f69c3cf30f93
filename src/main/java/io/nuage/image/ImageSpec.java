package io.nuage.image;

import java.util.Map;

import io.nuage.storage.VolumeSource;

/** The desired state of an image as a request states it, validated and with its defaults filled in. */
public record ImageSpec(String name, int sizeGib, VolumeSource source, String checksum, String os, String description,
        Map<String, String> labels, String region) {
}
