package io.nuage.api;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.nuage.db.ListFilter;
import io.nuage.errors.NuageError;
import io.nuage.tenancy.Tenant;
import io.nuage.tenancy.TenantAccess;
import io.smallrye.mutiny.Uni;

/**
 * What every resource inside a tenant does alike: pages, lookups by name, 202 answers to the
 * changes the reconciler carries out, and the time changes are stamped with. The caller's
 * access to the tenant is checked first, so a tenant it may not see answers 404 before
 * anything inside is read.
 */
@ApplicationScoped
class TenantScoped {

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

    private final TenantAccess access;
    private final Clock clock;

    TenantScoped(TenantAccess access, Clock clock) {
        this.access = access;
        this.clock = clock;
    }

    /** The tenant, if the caller may read what is inside it. */
    Uni<Tenant> read(String tenant) {
        return access.read(tenant);
    }

    /** The tenant, if the caller may change what is inside it. */
    Uni<Tenant> write(String tenant) {
        return access.write(tenant);
    }

    /** One page of the tenant's rows; a bad limit answers 400 before the tenant is read. */
    <T> Uni<Page<T>> page(String tenant, PageQuery query, Rows<T> rows, Function<T, String> name) {
        int n = query.size();
        // One row more than the page tells whether another page follows.
        return access.read(tenant).chain(t -> rows.list(t.id(), query.pageToken(), n + 1)).map(found -> Page.of(found, n, name));
    }

    /** A list that can be filtered ({@link FilterQuery}). */
    interface FilteredRows<T> {
        Uni<List<T>> list(UUID tenantId, String after, int limit, ListFilter filter);
    }

    /** One page of the tenant's rows that pass {@code filter}; bad parameters answer 400 before the tenant is read. */
    <T> Uni<Page<T>> page(String tenant, PageQuery query, FilterQuery filters, List<String> phases, FilteredRows<T> rows,
            Function<T, String> name) {
        int n = query.size();
        ListFilter filter = filters.filter(phases);
        return access.read(tenant).chain(t -> rows.list(t.id(), query.pageToken(), n + 1, filter)).map(found -> Page.of(found, n, name));
    }

    /** The tenant's row of that name, or 404 naming its kind. */
    <T> Uni<T> get(String tenant, String kind, String name, Row<T> row) {
        return access.read(tenant).chain(t -> row.find(t.id(), name))
                .onItem().ifNull().failWith(() -> NuageError.notFound(kind, name));
    }

    /** 202 with the row as it is now: the change is recorded, the reconciler carries it out. */
    <T> Uni<Response> accepted(String tenant, Function<Tenant, Uni<T>> change) {
        return access.write(tenant).chain(change::apply).map(row -> Response.accepted(row).build());
    }

    /** Now, to the microsecond PostgreSQL keeps: an answer shows the times a later read returns. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
