package io.nuage.storage;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One way to download an exported volume, as KubeVirt's VirtualMachineExport status lists it. */
public record ExportLink(
        @Schema(required = true, description = "raw (the disk image as is) or gzip (compressed)") String format,
        @Schema(description = "The URL from outside the cluster (KubeVirt's export proxy); null when the cluster exposes none")
        String url,
        @Schema(description = "The URL from inside the cluster (the export server's Service)") String internalUrl) {
}
