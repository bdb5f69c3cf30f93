package io.nuage.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST .../instances/{name}/volumes}. */
public record VolumeAttach(@Schema(required = true, pattern = Checks.DNS_LABEL_PATTERN, maxLength = Checks.DNS_LABEL_MAX, description = "Name of a volume of the tenant") String volume) {
}
