package io.nuage.compute;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A persistent root disk cloned from an image, as the API shows it. */
public record BootDisk(
        @Schema(required = true, description = "The image it was cloned from: the tenant's, else the catalog's") String image,
        @Schema(required = true, description = "Its size; it can grow, never shrink") int sizeGib) {
}
