package io.nuage.image;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.nuage.storage.VolumeSource;

/** An image, of the operator's catalog or of a tenant, as the API shows it. */
public record Image(
        @Schema(required = true) UUID id,
        @Schema(required = true) String name,
        @Schema(description = "Where a tenant's image lives: one of the tenant's regions; null for the operator's catalog, whose images serve every region") String region,
        @Schema(description = "The region's country, ISO 3166-1 alpha-2; null for a catalog image") String country,
        int sizeGib,
        VolumeSource source,
        @Schema(description = "The SHA-256 given at creation (sha256:<hex>), checked by CDI's importer on an image_url download")
        String checksum,
        String os,
        String description,
        Map<String, String> labels,
        long generation,
        ImageStatus status,
        Instant createdAt,
        Instant updatedAt) {
}
