package io.nuage.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An instance's persistent root disk, cloned from an image: {@code boot} of a create, or its growth in a PATCH. */
public record InstanceBoot(
        @Schema(description = "An image of the tenant's, else of the catalog (/v1/images); required on create, fixed after",
                pattern = Checks.DNS_LABEL_PATTERN, maxLength = ImageRules.NAME_MAX) String image,
        @Schema(description = "The disk's size; default the image's, never less; it can grow, never shrink",
                minimum = "" + VolumeRules.SIZE_GIB_MIN, maximum = "" + VolumeRules.SIZE_GIB_MAX) Integer sizeGib) {

    /** The body's rules; {@code create}: the image is required. */
    static void check(Checks checks, InstanceBoot boot, boolean create) {
        if (boot == null) {
            return;
        }
        if (create || boot.image() != null) {
            checks.name(boot.image(), "boot.image", ImageRules.NAME_MAX);
        }
        checks.range(boot.sizeGib(), "boot.size_gib", VolumeRules.SIZE_GIB_MIN, VolumeRules.SIZE_GIB_MAX);
    }
}
