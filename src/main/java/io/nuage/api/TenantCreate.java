package io.nuage.api;

import java.util.List;
import java.util.Map;

import io.nuage.tenancy.Quota;

/** Body of {@code POST /v1/tenants}; only {@code name} is required. */
public record TenantCreate(
        String name,
        String displayName,
        Map<String, String> labels,
        Quota quota,
        List<String> regions,
        Double slaTarget) {
}
