package io.nuage.image;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.nuage.status.Condition;

/**
 * What the reconciler last observed of an image.
 *
 * @param progress import progress in percent while importing (100 when ready), else null
 * @param sizeGib the capacity of the image's PVC as the cluster reports it, once it does
 * @param checksum the SHA-256 CDI's importer verified the download against: the image's {@code checksum}, once ready
 */
public record ImageStatus(
        ImagePhase phase,
        Double progress,
        @Schema(description = "The capacity of the image's PVC as the cluster reports it, in GiB") Integer sizeGib,
        @Schema(description = "Once ready: the checksum CDI's importer verified the download against (null when none was given)")
        String checksum,
        String message,
        List<Condition> conditions,
        long observedGeneration) {
}
