package io.nuage.tenancy;

import jakarta.enterprise.context.RequestScoped;

import io.nuage.api.ApiException;
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
            return Uni.createFrom().failure(ApiException.notFound("tenant", tenant));
        }
        return tenants.find(tenant).onItem().ifNull().failWith(() -> ApiException.notFound("tenant", tenant));
    }

    /** The tenant, if the caller may change what is inside it (admin or member). */
    public Uni<Tenant> write(String tenant) {
        return read(tenant).invoke(t -> {
            if (caller.get().role() == Role.VIEWER) {
                throw ApiException.forbidden("A viewer token can only read");
            }
        });
    }

    /** Only the operator manages tenants themselves. */
    public void requireAdmin(String tenant) {
        Caller c = caller.get();
        if (c.isAdmin()) {
            return;
        }
        if (tenant != null && !c.canSee(tenant)) {
            throw ApiException.notFound("tenant", tenant);
        }
        throw ApiException.forbidden("Only the operator (admin token) manages tenants");
    }
}
