package io.nuage.api;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/tenants/{tenant}/snapshots}. */
public record SnapshotCreate(
        @Schema(pattern = Checks.DNS_LABEL_PATTERN, description = "DNS label, unique in the tenant; default"
                + " <instance>-<yyyymmdd-hhmmss>-<4 random letters or digits> (UTC)",
                maxLength = VolumeRules.NAME_MAX) String name,
        @Schema(required = true, pattern = Checks.DNS_LABEL_PATTERN, maxLength = Checks.DNS_LABEL_MAX, description = "The instance to snapshot: its VM and attached volumes") String instance,
        Map<String, String> labels) {
}
