package io.nuage.api;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PATCH /v1/instance-types/{name}}: labels only, a type's size is fixed. */
public record InstanceTypePatch(
        @Schema(description = "Cannot change; accepted when equal") String name,
        Map<String, String> labels) implements PatchBody {
}
