package io.nuage.api;

import java.util.List;
import java.util.Map;

import io.nuage.tenancy.Quota;

/**
 * Body of {@code PATCH /v1/tenants/{tenant}}: fields present replace the current ones
 * ({@code quota} field by field); the name cannot change.
 */
public record TenantPatch(
        String name,
        String displayName,
        Map<String, String> labels,
        Quota quota,
        List<String> regions,
        Double slaTarget) implements PatchBody {
}
