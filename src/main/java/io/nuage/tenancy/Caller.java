package io.nuage.tenancy;

import java.time.Instant;
import java.util.UUID;

/** Who is calling: the operator, or a token of one tenant (its id and expiry, which what it mints may not outlive). */
public record Caller(Role role, UUID tenantId, String tenantName, String tokenName, UUID tokenId, Instant expiresAt) {

    public static final Caller ADMIN = new Caller(Role.ADMIN, null, null, "admin", null, null);

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Whether this caller may see the tenant at all; others get 404 as if it did not exist. */
    public boolean canSee(String tenant) {
        return isAdmin() || tenantName.equals(tenant);
    }
}
