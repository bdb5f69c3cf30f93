package io.nuage.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/tenants/{tenant}/volumes/{name}/export}, optional. */
public record VolumeExportCreate(
        @Schema(minimum = "" + VolumeExportResource.TTL_MIN, maximum = "" + VolumeExportResource.TTL_MAX,
                description = "How long the download links live, in seconds; default " + VolumeExportResource.TTL_DEFAULT)
        Integer ttlSeconds) {
}
