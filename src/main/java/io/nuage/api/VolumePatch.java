package io.nuage.api;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PATCH .../volumes/{name}}: a volume grows and is relabelled; the rest is fixed at creation. */
public record VolumePatch(
        @Schema(description = "Cannot change; accepted when equal") String name,
        @Schema(description = "Grow only: a smaller size answers 422 volume_shrink", minimum = "" + VolumeRules.SIZE_GIB_MIN,
                maximum = "" + VolumeRules.SIZE_GIB_MAX) Integer sizeGib,
        Map<String, String> labels,
        @Schema(description = "Cannot change (422 immutable_field); accepted when equal") String region) implements PatchBody {
}
