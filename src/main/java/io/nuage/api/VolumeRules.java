package io.nuage.api;

import java.util.regex.Pattern;

import io.nuage.storage.ImportHosts;
import io.nuage.storage.VolumeSource;

/** What a valid volume is. Field names are the JSON ones, for errors[].field. */
final class VolumeRules {

    /** Leaves room for CDI's "importer-" prefix of its pod within Kubernetes' 63 characters. */
    static final int NAME_MAX = 50;
    static final int SIZE_GIB_MIN = 1;
    static final int SIZE_GIB_MAX = 65_536;
    private static final int URL_MAX = 2048;
    private static final Pattern STORAGE_CLASS = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Pattern IMAGE = Pattern.compile("[a-z0-9][a-z0-9._\\-/:@]{0,510}");

    private VolumeRules() {
    }

    static Checks checkSize(Checks checks, Integer sizeGib) {
        return checks.range(sizeGib, "size_gib", SIZE_GIB_MIN, SIZE_GIB_MAX);
    }

    static void checkStorageClass(Checks checks, String storageClass) {
        checks.check(storageClass == null || STORAGE_CLASS.matcher(storageClass).matches(), "storage_class",
                "must be a Kubernetes storage class name (lowercase DNS subdomain)");
    }

    static void checkSource(Checks checks, VolumeSource source) {
        if (source == null) {
            return;
        }
        VolumeSource.Type type = source.type();
        if (type == null) {
            checks.check(false, "source", "must set exactly one of blank, image_url, registry, snapshot");
            return;
        }
        switch (type) {
            case BLANK -> checks.check(source.blank().isEmpty(), "source.blank", "must be an empty object {}");
            case IMAGE_URL -> checks.check(isHttpUrl(source.imageUrl()), "source.image_url",
                    "must be an http or https URL of at most " + URL_MAX + " characters, with a host name or IP address");
            case REGISTRY -> checks.check(IMAGE.matcher(source.registry()).matches(), "source.registry",
                    "must be a container image reference (lowercase registry/repository[:tag][@digest])");
            default -> checks.name(source.snapshot(), "source.snapshot", Checks.DNS_LABEL_MAX);
        }
        if (source.volume() != null) {
            checks.check(type == VolumeSource.Type.SNAPSHOT, "source.volume", "only goes with source.snapshot");
            checks.name(source.volume(), "source.volume", Checks.DNS_LABEL_MAX);
        }
    }

    /** Whether an http or https URL has a host; whether that host is public is {@code ImportSources}' question. */
    private static boolean isHttpUrl(String url) {
        return url.length() <= URL_MAX && ImportHosts.ofUrl(url) != null;
    }
}
