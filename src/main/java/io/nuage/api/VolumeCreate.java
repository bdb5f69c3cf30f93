package io.nuage.api;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.nuage.storage.VolumeSource;

/** Body of {@code POST /v1/tenants/{tenant}/volumes}. */
public record VolumeCreate(
        @Schema(required = true, pattern = Checks.DNS_LABEL_PATTERN, description = "DNS label, unique in the tenant", maxLength = VolumeRules.NAME_MAX) String name,
        @Schema(required = true, minimum = "" + VolumeRules.SIZE_GIB_MIN, maximum = "" + VolumeRules.SIZE_GIB_MAX) Integer sizeGib,
        @Schema(description = "Kubernetes storage class; default: the installation's (nuage.storage.default-class), else the cluster's") String storageClass,
        @Schema(description = "Where the data comes from; default: blank") VolumeSource source,
        Map<String, String> labels,
        @Schema(description = "One of the tenant's regions (GET /v1/regions); default: its snapshot's for a source snapshot, else"
                + " the tenant's first. It cannot change") String region) {
}
