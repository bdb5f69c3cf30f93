package io.nuage.api;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.ws.rs.core.Response;

import io.nuage.errors.NuageError;
import io.nuage.tenancy.Tenant;
import io.nuage.tenancy.TenantAccess;
import io.smallrye.mutiny.Uni;

/**
 * The answers every resource inside a tenant gives alike: a page, one row by name, a 202 for a
 * change the reconciler carries out. The tenant is always checked first, so a caller that may
 * not see it gets 404 for the tenant before anything inside it is read.
 */
final class TenantScoped {

    /** A store's keyset query: the tenant's rows named after {@code after}, at most {@code limit}. */
    @FunctionalInterface
    interface Rows<T> {
        Uni<List<T>> list(UUID tenantId, String after, int limit);
    }

    /** A store's lookup of one row of the tenant by name; null when there is none. */
    @FunctionalInterface
    interface Row<T> {
        Uni<T> find(UUID tenantId, String name);
    }

    private TenantScoped() {
    }

    /** One page of the tenant's rows, named after {@code pageToken}; a bad limit answers 422 before the tenant is read. */
    static <T> Uni<Page<T>> page(TenantAccess access, String tenant, String limit, String pageToken, Rows<T> rows,
            Function<T, String> name) {
        int n = Page.limit(limit);
        // One row more than the page tells whether another page follows.
        return access.read(tenant).chain(t -> rows.list(t.id(), pageToken, n + 1)).map(found -> Page.of(found, n, name));
    }

    /** The tenant's row of that name, or 404 naming its kind. */
    static <T> Uni<T> get(TenantAccess access, String tenant, String kind, String name, Row<T> row) {
        return access.read(tenant).chain(t -> row.find(t.id(), name))
                .onItem().ifNull().failWith(() -> NuageError.notFound(kind, name));
    }

    /** 202 with the row as it is now: the change is recorded and the reconciler carries it out. */
    static <T> Uni<Response> accepted(TenantAccess access, String tenant, Function<Tenant, Uni<T>> change) {
        return access.write(tenant).chain(change::apply).map(row -> Response.accepted(row).build());
    }
}
