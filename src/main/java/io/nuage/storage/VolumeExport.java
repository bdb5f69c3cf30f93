package io.nuage.storage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A disk export as the API shows it; {@code token} only in the answer to its creation. */
public record VolumeExport(
        @Schema(required = true) UUID id,
        @Schema(required = true, description = "The exported volume's name") String volume,
        @Schema(required = true) ExportPhase phase,
        @Schema(description = "Why the export is pending or failed; null otherwise") String message,
        @Schema(description = "How long the links live, from creation") int ttlSeconds,
        @Schema(description = "When the links stop working and the export becomes expired") Instant expiresAt,
        @Schema(description = "The download links, once ready: one per format; empty before, and once expired") List<ExportLink> links,
        @Schema(description = "The download token (header x-kubevirt-export-token): shown in the create's answer only, null"
                + " everywhere else. Lost: create another export") String token,
        Instant createdAt) {

    /** The export as every read shows it: without its token. */
    public VolumeExport withoutToken() {
        return new VolumeExport(id, volume, phase, message, ttlSeconds, expiresAt, links, null, createdAt);
    }

    public VolumeExport withToken(String secret) {
        return new VolumeExport(id, volume, phase, message, ttlSeconds, expiresAt, links, secret, createdAt);
    }
}
