package io.nuage.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST .../environments/{name}/extend}, optional. */
public record EnvironmentExtend(
        @Schema(pattern = EnvironmentDocument.TTL_PATTERN, description = "Time to live from now; default: the environment's own")
        String ttl) {
}
