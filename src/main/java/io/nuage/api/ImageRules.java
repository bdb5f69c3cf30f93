package io.nuage.api;

import java.util.regex.Pattern;

import io.nuage.storage.VolumeSource;

/** What a valid image is. Field names are the JSON ones, for errors[].field. */
final class ImageRules {

    /** A tenant image's objects are named "img-" + its name, within a volume's 50 characters. */
    static final int NAME_MAX = 46;
    static final String CHECKSUM_PATTERN = "^sha256:[0-9a-f]{64}$";
    static final int OS_MAX = 63;
    static final String OS_PATTERN = "^[a-z0-9]([-a-z0-9._]*[a-z0-9])?$";
    static final int DESCRIPTION_MAX = 500;
    private static final Pattern CHECKSUM = Pattern.compile(CHECKSUM_PATTERN);
    private static final Pattern OS = Pattern.compile(OS_PATTERN);

    private ImageRules() {
    }

    /** The body's field rules, checked before anything is read; the catalog imports only, a tenant also copies a snapshot. */
    static void check(ImageCreate body, boolean inCatalog) {
        Requests.requireBody(body);
        Checks checks = new Checks().name(body.name(), "name", NAME_MAX).required(body.source(), "source")
                .labels(body.labels(), "labels");
        VolumeRules.checkSize(checks, body.sizeGib());
        VolumeRules.checkSource(checks, body.source());
        VolumeSource.Type type = body.source() == null ? null : body.source().type();
        checks.check(type != VolumeSource.Type.BLANK, "source.blank", "an image is imported: image_url, registry"
                + (inCatalog ? "" : " or snapshot"));
        checks.check(!inCatalog || type != VolumeSource.Type.SNAPSHOT, "source.snapshot",
                "the catalog imports from image_url or registry; a tenant's image can copy a snapshot");
        checks.check(!inCatalog || body.region() == null, "region", "the catalog's images serve every region: a catalog image"
                + " has none");
        checks.check(body.checksum() == null || CHECKSUM.matcher(body.checksum()).matches(), "checksum",
                "must be sha256: and 64 lowercase hexadecimal digits");
        checks.check(body.checksum() == null || type == VolumeSource.Type.IMAGE_URL, "checksum",
                "only goes with source.image_url: CDI verifies http downloads only");
        checks.check(body.os() == null || (body.os().length() <= OS_MAX && OS.matcher(body.os()).matches()), "os",
                "must be 1 to " + OS_MAX + " lowercase letters, digits, '-', '.' or '_'");
        checks.check(body.description() == null || body.description().length() <= DESCRIPTION_MAX, "description",
                "at most " + DESCRIPTION_MAX + " characters");
        checks.throwIfInvalid();
    }
}
