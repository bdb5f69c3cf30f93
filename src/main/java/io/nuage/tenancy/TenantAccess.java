package io.nuage.tenancy;

import jakarta.enterprise.context.RequestScoped;

import io.nuage.errors.NuageError;
import io.smallrye.mutiny.Uni;

/**
 * The authorisation rules, in one place. A tenant token asking about another tenant gets
 * 404, as if it did not exist; a viewer asking to change something gets 403.
 */
@RequestScoped
public class TenantAccess {

    private final CurrentCaller caller;
    private final TenantStore tenants;

    TenantAccess(CurrentCaller caller, TenantStore tenants) {
        this.caller = caller;
        this.tenants = tenants;
    }

    public Caller caller() {
        return caller.get();
    }

    /** The tenant, if the caller may read it. */
    public Uni<Tenant> read(String tenant) {
        if (!caller.get().canSee(tenant)) {
            return Uni.createFrom().failure(NuageError.notFound("tenant", tenant));
        }
        return tenants.find(tenant).onItem().ifNull().failWith(() -> NuageError.notFound("tenant", tenant));
    }

    /** The tenant, if the caller may change what is inside it (admin or member). */
    public Uni<Tenant> write(String tenant) {
        return mayWrite(tenant).chain(() -> read(tenant));
    }

    /**
     * Whether the caller may change what is inside the tenant, as far as its token says: the tenant is not read, so
     * whoever writes next must find it live or answer 404 (a tenant token's tenant is live: deleting it revoked the token).
     */
    public Uni<Void> mayWrite(String tenant) {
        return Uni.createFrom().item(() -> {
            requireWrite(caller.get(), tenant);
            return null;
        });
    }

    /** The rule of {@link #mayWrite} for a caller known outside a JAX-RS request (the console's WebSocket route). */
    public static void requireWrite(Caller c, String tenant) {
        if (!c.canSee(tenant)) {
            throw NuageError.notFound("tenant", tenant);
        }
        if (c.role() == Role.VIEWER) {
            throw NuageError.forbidden("A viewer token can only read");
        }
    }

    /** A token may mint tokens of its own role or lower, never higher: 403 otherwise (the operator mints any). */
    public void mayMint(Role role) {
        Caller c = caller.get();
        if (role != null && role.outranks(c.role())) {
            throw NuageError.forbidden("A " + c.role().wireName() + " token cannot create a token of a higher role ("
                    + role.wireName() + ")");
        }
    }

    /** Only the operator writes what belongs to no tenant (the catalogs): 403 to a tenant's token, which still reads them. */
    public void requireOperator(String what) {
        if (!caller.get().isAdmin()) {
            throw NuageError.forbidden("Only the operator (admin token) changes " + what + "; every token reads it");
        }
    }

    /** Only the operator manages tenants themselves. */
    public void requireAdmin(String tenant) {
        Caller c = caller.get();
        if (c.isAdmin()) {
            return;
        }
        if (tenant != null && !c.canSee(tenant)) {
            throw NuageError.notFound("tenant", tenant);
        }
        throw NuageError.forbidden("Only the operator (admin token) manages tenants");
    }
}
