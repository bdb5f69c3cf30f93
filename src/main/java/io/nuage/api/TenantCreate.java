package io.nuage.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.nuage.tenancy.Quota;

/** Body of {@code POST /v1/tenants}; only {@code name} is required. */
public record TenantCreate(
        @Schema(required = true, pattern = Checks.DNS_LABEL_PATTERN, description = "DNS label, unique among live tenants", maxLength = TenantRules.NAME_MAX) String name,
        @Schema(maxLength = TenantRules.DISPLAY_NAME_MAX) String displayName,
        Map<String, String> labels,
        Quota quota,
        @Schema(description = "Regions the tenant's data may live in; default: the installation's default region") List<String> regions,
        @Schema(description = "Monthly availability promised, " + TenantRules.SLA_MIN + " to " + TenantRules.SLA_MAX + " (percent)",
                minimum = "" + TenantRules.SLA_MIN, maximum = "" + TenantRules.SLA_MAX) Double slaTarget) {
}
