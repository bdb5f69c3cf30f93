package io.nuage.api;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.nuage.storage.VolumeSource;

/** Body of {@code POST /v1/images} and {@code POST /v1/tenants/{tenant}/images}. */
public record ImageCreate(
        @Schema(required = true, pattern = Checks.DNS_LABEL_PATTERN, description = "DNS label, unique in its catalog", maxLength = ImageRules.NAME_MAX) String name,
        @Schema(required = true, description = "image_url or registry; a tenant's image also snapshot (with volume)") VolumeSource source,
        @Schema(minimum = "" + VolumeRules.SIZE_GIB_MIN, maximum = "" + VolumeRules.SIZE_GIB_MAX,
                description = "The size of the PVC the image is imported into, which boot disks clone; default nuage.images.default-size-gib (10)")
        Integer sizeGib,
        @Schema(pattern = ImageRules.CHECKSUM_PATTERN, description = "With image_url only: the image's SHA-256, sha256:<64 hex>;"
                + " CDI's importer fails the import when the download does not match") String checksum,
        @Schema(maxLength = ImageRules.OS_MAX, pattern = ImageRules.OS_PATTERN, description = "The operating system, e.g. fedora-41") String os,
        @Schema(maxLength = ImageRules.DESCRIPTION_MAX) String description,
        Map<String, String> labels,
        @Schema(description = "A tenant's image: one of the tenant's regions, default its snapshot's for a source snapshot, else"
                + " the tenant's first; only instances of this region boot from it. Not for the catalog, whose images serve"
                + " every region") String region) {
}
