package io.nuage.tenancy;

import io.nuage.db.ListFilter;
import io.nuage.db.Transactions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.errors.NuageError;
import io.nuage.errors.Precondition;
import io.nuage.db.Sql;
import io.nuage.work.WorkItems;
import io.nuage.work.WorkKind;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Tenant rows. Only live tenants (no tombstone) are visible through here. */
@ApplicationScoped
public class TenantStore {

    /** A tenant as {@link #map} reads it, in the order of {@link #values}. */
    private static final String COLUMNS = """
            id, name, display_name, labels, quota_vcpus, quota_memory_mib, quota_storage_gib, quota_instances, regions,
            sla_target, created_at, updated_at, quota_networks, quota_volumes, quota_snapshots, quota_tokens, quota_public_ips""";

    private static final String INSERT = """
            INSERT INTO tenants (%1$s)
            VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)
            RETURNING %1$s""".formatted(COLUMNS);
    private static final String FIND = "SELECT %s FROM tenants WHERE name = $1 AND deleted_at IS NULL".formatted(COLUMNS);
    private static final String BY_ID = "SELECT %s, deleted_at FROM tenants WHERE id = $1".formatted(COLUMNS);
    private static final String LOCK_LIVE = "SELECT %s FROM tenants WHERE id = $1 AND deleted_at IS NULL FOR UPDATE"
            .formatted(COLUMNS);
    /** $3, when not null, keeps the tenant of that name alone: what a tenant's token sees. */
    /** A page of live tenants (only one, for a tenant's own token); the list filter's conditions go where {@code %%s} is. */
    private static final String LIST = """
            SELECT %s FROM tenants WHERE deleted_at IS NULL
              AND name > $1 AND ($3::text IS NULL OR name = $3)%%s ORDER BY name LIMIT $2""".formatted(COLUMNS);
    /** The desired state; id and name find the row, created_at never changes. */
    private static final String UPDATE = """
            UPDATE tenants SET display_name=$3, labels=$4, quota_vcpus=$5, quota_memory_mib=$6,
              quota_storage_gib=$7, quota_instances=$8, regions=$9, sla_target=$10, updated_at=$11,
              quota_networks=$12, quota_volumes=$13, quota_snapshots=$14, quota_tokens=$15, quota_public_ips=$16,
              generation = generation + 1
            WHERE id=$1 AND name=$2 AND deleted_at IS NULL RETURNING %s""".formatted(COLUMNS);
    /** What a tenant still owns, deleting resources included: a tenant is deleted empty. */
    private static final String OWNED = """
            SELECT (SELECT COUNT(*) FROM instances WHERE tenant_id = $1 AND deleted_at IS NULL) AS instances,
              (SELECT COUNT(*) FROM volumes WHERE tenant_id = $1 AND deleted_at IS NULL) AS volumes,
              (SELECT COUNT(*) FROM snapshots WHERE tenant_id = $1 AND deleted_at IS NULL) AS snapshots,
              (SELECT COUNT(*) FROM networks WHERE tenant_id = $1 AND deleted_at IS NULL) AS networks,
              (SELECT COUNT(*) FROM public_ips WHERE tenant_id = $1 AND deleted_at IS NULL) AS public_ips,
              (SELECT COUNT(*) FROM images WHERE tenant_id = $1 AND deleted_at IS NULL) AS images""";

    /** Up to 20 live resources of tenant $1 in a region not among $2: what keeps the tenant from leaving those regions. */
    private static final String OUTSIDE = """
            SELECT kind, name, region FROM (%s) r WHERE NOT (region = ANY($2::text[])) ORDER BY kind, name LIMIT 20"""
            .formatted(Residency.RESOURCES);

    private final Transactions db;

    TenantStore(Transactions db) {
        this.db = db;
    }

    /** Inserts the tenant and enqueues its reconcile pass in one transaction. */
    public Uni<Tenant> insert(Tenant t) {
        return db.transaction(tx -> tx.preparedQuery(INSERT)
                .execute(Tuple.from(values(t)))
                .map(rows -> map(rows.iterator().next()))
                .call(saved -> WorkItems.enqueue(tx, WorkKind.TENANT, saved.id())))
                .onFailure(Sql::isUniqueViolation)
                .transform(e -> alreadyExists(t.name()));
    }

    public static NuageError alreadyExists(String name) {
        return NuageError.conflict("already_exists", "A tenant named '" + name + "' already exists");
    }

    public Uni<Tenant> find(String name) {
        return find(db.client(), name);
    }

    /** The live tenant named {@code name}, read through {@code client} (a transaction's, say), or null. */
    public Uni<Tenant> find(SqlClient client, String name) {
        return client.preparedQuery(FIND)
                .execute(Tuple.of(name))
                .map(TenantStore::first);
    }

    /** A tenant row by id for the reconciler, tombstoned or not; {@code deleted} says which. */
    public record Stored(Tenant tenant, boolean deleted) {
    }

    public Uni<Stored> byId(java.util.UUID id) {
        return db.client().preparedQuery(BY_ID)
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null
                        : new Stored(map(rows.iterator().next()), rows.iterator().next().getValue("deleted_at") != null));
    }

    /** Live tenants ordered by name, after {@code after} (exclusive), at most {@code limit}, that pass {@code filter}. */
    public Uni<List<Tenant>> list(String after, int limit, String onlyName, ListFilter filter) {
        List<Object> params = new java.util.ArrayList<>(java.util.Arrays.asList(after == null ? "" : after, limit, onlyName));
        return db.client().preparedQuery(LIST.formatted(filter.sql("tenants", params)))
                .execute(Tuple.from(params))
                .map(rows -> {
                    List<Tenant> list = new java.util.ArrayList<>();
                    rows.forEach(r -> list.add(map(r)));
                    return list;
                });
    }

    /**
     * Writes the desired state, bumps the generation and enqueues a pass, in one transaction; {@code expect} is checked
     * on the tenant once its row is locked.
     */
    public Uni<Tenant> update(Tenant t, Precondition<Tenant> expect) {
        // Every parameter must appear in the statement: PostgreSQL cannot type an unused one.
        Object[] all = values(t);
        Object[] v = new Object[16];
        System.arraycopy(all, 0, v, 0, 10);
        v[10] = all[11]; // updated_at; created_at never changes
        System.arraycopy(all, 12, v, 11, 5);
        return db.transaction(tx -> lockLive(tx, t, expect)
                .call(() -> tx.preparedQuery(OUTSIDE).execute(Tuple.of(t.id(), t.regions().toArray(String[]::new)))
                        .invoke(rows -> requireNoneOutside(t, rows)))
                .chain(() -> tx.preparedQuery(UPDATE).execute(Tuple.from(v)))
                .map(TenantStore::first)
                .onItem().ifNull().failWith(() -> NuageError.notFound("tenant", t.name()))
                .call(saved -> WorkItems.enqueue(tx, WorkKind.TENANT, saved.id())));
    }

    /**
     * Leaves a tombstone and revokes the tenant's tokens, in one transaction; refused while the
     * tenant owns instances, volumes, snapshots, networks, public addresses or images (deleting ones included). The reconciler then removes its namespace.
     * {@code expect} is checked on the tenant once its row is locked.
     */
    public Uni<Void> delete(Tenant t, Instant now, Precondition<Tenant> expect) {
        return db.transaction(tx -> lockLive(tx, t, expect)
                .chain(() -> tx.preparedQuery(OWNED).execute(Tuple.of(t.id())))
                .invoke(rows -> {
                    Row r = rows.iterator().next();
                    long instances = r.getLong("instances");
                    long volumes = r.getLong("volumes");
                    long snapshots = r.getLong("snapshots");
                    long networks = r.getLong("networks");
                    long publicIps = r.getLong("public_ips");
                    long images = r.getLong("images");
                    if (instances + volumes + snapshots + networks + publicIps + images > 0) {
                        throw NuageError.conflict("tenant_not_empty", "Tenant '" + t.name() + "' still owns " + instances
                                + " instance(s), " + volumes + " volume(s), " + snapshots + " snapshot(s), " + networks
                                + " network(s), " + publicIps + " public address(es) and " + images + " image(s): delete them first",
                                java.util.Map.of("instances", instances, "volumes", volumes, "snapshots", snapshots,
                                        "networks", networks, "public_ips", publicIps, "images", images));
                    }
                })
                .chain(() -> tx.preparedQuery("UPDATE api_tokens SET revoked_at=$2 WHERE tenant_id=$1 AND revoked_at IS NULL")
                        .execute(Tuple.of(t.id(), Sql.timestamp(now))))
                .chain(() -> tx.preparedQuery("UPDATE tenants SET deleted_at=$2, updated_at=$2, generation = generation + 1 WHERE id=$1")
                        .execute(Tuple.of(t.id(), Sql.timestamp(now))))
                .chain(() -> WorkItems.enqueue(tx, WorkKind.TENANT, t.id())));
    }

    /** 409 region_in_use when the tenant still has resources in a region its new regions leave out. */
    private static void requireNoneOutside(Tenant t, RowSet<Row> rows) {
        if (rows.size() == 0) {
            return;
        }
        List<java.util.Map<String, String>> resources = new java.util.ArrayList<>();
        java.util.Set<String> regions = new java.util.TreeSet<>();
        rows.forEach(r -> {
            resources.add(java.util.Map.of("kind", r.getString("kind"), "name", r.getString("name"), "region", r.getString("region")));
            regions.add(r.getString("region"));
        });
        throw NuageError.conflict("region_in_use", "Tenant '" + t.name() + "' still has resources in " + regions
                + ": delete them before removing the region", java.util.Map.of("regions", List.copyOf(regions), "resources", resources));
    }

    /** Locks the live tenant (404 when it is gone) and checks {@code expect} on it as it is under the lock. */
    private static Uni<Tenant> lockLive(SqlClient tx, Tenant t, Precondition<Tenant> expect) {
        return tx.preparedQuery(LOCK_LIVE)
                .execute(Tuple.of(t.id()))
                .map(TenantStore::first)
                .onItem().ifNull().failWith(() -> NuageError.notFound("tenant", t.name()))
                .invoke(expect::check);
    }

    private static Object[] values(Tenant t) {
        return new Object[] { t.id(), t.name(), t.displayName(), Sql.json(t.labels()), t.quota().vcpus(),
                t.quota().memoryMib(), t.quota().storageGib(), t.quota().instances(),
                t.regions().toArray(String[]::new), java.math.BigDecimal.valueOf(t.slaTarget()),
                Sql.timestamp(t.createdAt()), Sql.timestamp(t.updatedAt()), t.quota().networks(), t.quota().volumes(),
                t.quota().snapshots(), t.quota().tokens(), t.quota().publicIps() };
    }

    private static Tenant first(RowSet<Row> rows) {
        return rows.size() == 0 ? null : map(rows.iterator().next());
    }

    static Tenant map(Row r) {
        return new Tenant(r.getUUID("id"), r.getString("name"), r.getString("display_name"),
                Sql.stringMap(r, "labels"),
                new Quota(r.getInteger("quota_vcpus"), r.getLong("quota_memory_mib"),
                        r.getInteger("quota_storage_gib"), r.getInteger("quota_instances"), r.getInteger("quota_networks"),
                        r.getInteger("quota_volumes"), r.getInteger("quota_snapshots"), r.getInteger("quota_tokens"),
                        r.getInteger("quota_public_ips")),
                Arrays.asList(r.getArrayOfStrings("regions")),
                r.getBigDecimal("sla_target").doubleValue(),
                Sql.instant(r, "created_at"), Sql.instant(r, "updated_at"));
    }
}
