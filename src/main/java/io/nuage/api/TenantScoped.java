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
import io.nuage.errors.FieldError;
import io.nuage.errors.NuageError;
import io.nuage.errors.Precondition;
import io.nuage.tenancy.Tenant;
import io.nuage.tenancy.TenantAccess;
import io.smallrye.mutiny.Uni;

/**
 * What every resource inside a tenant does alike: pages, lookups by name and by id, If-Match conditions, 202 answers to the
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

    /** A store's lookup of one row of the tenant by id; null when there is none. */
    @FunctionalInterface
    interface RowById<T> {
        Uni<T> find(UUID tenantId, UUID id);
    }

    private final TenantAccess access;
    private final Clock clock;
    private final ETags etags;

    TenantScoped(TenantAccess access, Clock clock, ETags etags) {
        this.access = access;
        this.clock = clock;
        this.etags = etags;
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

    /**
     * The tenant's row of that id, or 404 naming its kind: an id tells a resource from another of the same name made
     * after it was deleted. A malformed id answers 400 before the tenant is read.
     */
    <T> Uni<T> byId(String tenant, String kind, String id, RowById<T> row) {
        UUID uuid = uuid(id);
        return access.read(tenant).chain(t -> row.find(t.id(), uuid))
                .onItem().ifNull().failWith(() -> NuageError.notFound(kind, id));
    }

    /** The id in its canonical form; fromString alone would take "1-2-3-4-5" too. */
    static UUID uuid(String id) {
        return uuid(id, "id");
    }

    /** {@code value} of the parameter {@code field} as a canonical UUID, else 400 naming the field. */
    static UUID uuid(String value, String field) {
        try {
            UUID uuid = UUID.fromString(value);
            if (uuid.toString().equalsIgnoreCase(value)) {
                return uuid;
            }
        } catch (IllegalArgumentException e) {
            // answered below, as for any other malformed id
        }
        throw NuageError.validation(List.of(new FieldError(field, "must be a UUID, e.g. 3f0c2a4e-8b1d-4c55-9a7e-2d6f1b0e9c31")));
    }

    /** What the request's If-Match header (null when absent) asks of the write to the {@code kind} named {@code name}. */
    <T> Precondition<T> ifMatch(String header, String kind, String name) {
        return etags.ifMatch(header, kind, name);
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
