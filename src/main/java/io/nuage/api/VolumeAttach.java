package io.nuage.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST .../instances/{name}/volumes}. */
public record VolumeAttach(@Schema(required = true, description = "Name of a volume of the tenant") String volume) {
}
