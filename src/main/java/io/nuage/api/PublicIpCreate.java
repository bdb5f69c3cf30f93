package io.nuage.api;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/tenants/{tenant}/public-ips}. */
public record PublicIpCreate(
        @Schema(required = true, pattern = Checks.DNS_LABEL_PATTERN, description = "DNS label, unique in the tenant",
                maxLength = PublicIpRules.NAME_MAX) String name,
        @Schema(description = "One of the tenant's regions, offering public addresses; default: the tenant's first") String region,
        Map<String, String> labels) {
}
