package io.nuage.publicip;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.platform.RegionDirectory;
import io.nuage.db.ListFilter;
import io.nuage.db.Sql;
import io.nuage.db.Transactions;
import io.nuage.errors.NuageError;
import io.nuage.errors.Precondition;
import io.nuage.network.Ipv4;
import io.nuage.status.Conditions;
import io.nuage.tenancy.Tenant;
import io.nuage.tenancy.TenantCounts;
import io.nuage.work.WorkItems;
import io.nuage.work.WorkKind;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Public address rows as the API reads and changes them (attachments: {@link PublicIpAttachments}). Every change of
 * desired state bumps the generation and enqueues a pass in the same transaction. An allocation takes one of the
 * tenant's public_ips quota on its row, then the lowest free address of the region's pool under a lock of that region's
 * allocations, so concurrent allocations never pick the same address; the unique index on live addresses (V30) is
 * what guarantees it whatever happens.
 */
@ApplicationScoped
public class PublicIpStore {

    /** A public address as {@link #map} reads it, with the name of its instance. */
    static final String COLUMNS = """
            id, name, region, host(address) AS address, labels, ports, generation, phase, status_message, conditions,
            observed_generation, created_at, updated_at,
            (SELECT i.name FROM instances i WHERE i.id = public_ips.instance_id) AS instance""";

    /** One allocation at a time per region, held until the transaction ends. */
    private static final String LOCK_REGION = "SELECT pg_advisory_xact_lock(hashtextextended('nuage.public_ips.' || $1, 0))";
    /** The lowest address of the pool ($5 its network address, $6 and $7 the offsets handed out) no live row holds. */
    private static final String ALLOCATE = """
            INSERT INTO public_ips (id, tenant_id, name, region, address, labels, created_at, updated_at)
            SELECT $1, $2, $3, $4, free.address, $8, $9, $9 FROM (
              SELECT $5::text::inet + g AS address FROM generate_series($6::bigint, $7::bigint) g
              WHERE NOT EXISTS (SELECT 1 FROM public_ips p WHERE p.address = $5::text::inet + g AND p.deleted_at IS NULL)
              ORDER BY g LIMIT 1) free
            RETURNING %s""".formatted(COLUMNS);
    /** ALLOCATE's parameters and $10, an address wanted: it, if the pool holds it and no live row does (an import's). */
    private static final String ALLOCATE_AT = """
            INSERT INTO public_ips (id, tenant_id, name, region, address, labels, created_at, updated_at)
            SELECT $1, $2, $3, $4, $10::text::inet, $8, $9, $9
            WHERE $10::text::inet - $5::text::inet BETWEEN $6::bigint AND $7::bigint
              AND NOT EXISTS (SELECT 1 FROM public_ips p WHERE p.address = $10::text::inet AND p.deleted_at IS NULL)
            RETURNING %s""".formatted(COLUMNS);
    private static final String FIND = "SELECT %s FROM public_ips WHERE tenant_id = $1 AND name = $2 AND deleted_at IS NULL"
            .formatted(COLUMNS);
    private static final String BY_ID = "SELECT %s FROM public_ips WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL"
            .formatted(COLUMNS);
    static final String REREAD = "SELECT %s FROM public_ips WHERE id = $1".formatted(COLUMNS);
    /** A page of the tenant's public addresses; the list filter's conditions go where {@code %%s} is. */
    private static final String LIST = """
            SELECT %s FROM public_ips WHERE tenant_id = $1 AND deleted_at IS NULL
              AND name > $2%%s ORDER BY name LIMIT $3""".formatted(COLUMNS);
    private static final String REQUEST_DELETE = """
            UPDATE public_ips SET delete_requested_at = $2, phase = 'deleting', updated_at = $2, generation = generation + 1
            WHERE id = $1 RETURNING %s""".formatted(COLUMNS);

    private final Transactions db;
    private final PublicIpPools pools;

    PublicIpStore(Transactions db, PublicIpPools pools) {
        this.db = db;
        this.pools = pools;
    }

    /**
     * Allocates an address of {@code region}'s pool: {@code wanted} when the pool holds it and it is free (an import keeps a
     * tenant's addresses where it can), else (or when null) the lowest free one; 422 when the region has none, 409 when it
     * is exhausted.
     */
    public Uni<PublicIp> allocate(Tenant tenant, String name, String region, Map<String, String> labels, Instant now, String wanted) {
        PublicIpPools.Pool pool = pools.of(region);
        if (pool == null) {
            return Uni.createFrom().failure(NuageError.rejected("public_ips_not_offered",
                    "Region '" + region + "' offers no public addresses", Map.of("region", region)));
        }
        UUID id = UUID.randomUUID();
        long network = Ipv4.parseBlock(pool.cidr()).network();
        return db.transaction(tx -> TenantCounts.PUBLIC_IPS.take(tx, tenant)
                .chain(() -> tx.preparedQuery("SELECT 1 FROM public_ips WHERE tenant_id = $1 AND name = $2 AND deleted_at IS NULL")
                        .execute(Tuple.of(tenant.id(), name)))
                .invoke(rows -> {
                    if (rows.size() > 0) {
                        throw alreadyExists(name);
                    }
                })
                .chain(() -> tx.preparedQuery(LOCK_REGION).execute(Tuple.of(region)))
                .chain(() -> wanted == null ? Uni.createFrom().<RowSet<Row>> nullItem()
                        : tx.preparedQuery(ALLOCATE_AT).execute(Tuple.from(new Object[] { id, tenant.id(), name, region,
                                Ipv4.format(network), pool.first() - network, pool.last() - network, Sql.json(labels),
                                Sql.timestamp(now), wanted })))
                .chain(at -> at != null && at.size() > 0 ? Uni.createFrom().item(at)
                        : tx.preparedQuery(ALLOCATE).execute(Tuple.from(new Object[] { id, tenant.id(), name, region,
                                Ipv4.format(network), pool.first() - network, pool.last() - network, Sql.json(labels),
                                Sql.timestamp(now) })))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw exhausted(region, pool);
                    }
                    return map(rows.iterator().next());
                })
                .call(ip -> WorkItems.enqueue(tx, WorkKind.PUBLIC_IP, ip.id())))
                .onFailure(Sql::isUniqueViolation).transform(e -> alreadyExists(name));
    }

    public Uni<PublicIp> find(UUID tenantId, String name) {
        return db.client().preparedQuery(FIND).execute(Tuple.of(tenantId, name)).map(PublicIpStore::first);
    }

    public Uni<PublicIp> findById(UUID tenantId, UUID id) {
        return db.client().preparedQuery(BY_ID).execute(Tuple.of(tenantId, id)).map(PublicIpStore::first);
    }

    public Uni<List<PublicIp>> list(UUID tenantId, String after, int limit, ListFilter filter) {
        List<Object> params = new ArrayList<>(List.of(tenantId, after == null ? "" : after, limit));
        return db.client().preparedQuery(LIST.formatted(filter.sql("public_ips", params)))
                .execute(Tuple.from(params))
                .map(rows -> {
                    List<PublicIp> list = new ArrayList<>();
                    rows.forEach(r -> list.add(map(r)));
                    return list;
                });
    }

    /**
     * First phase of a release: refused while attached (detach first, so that no traffic is cut by surprise); then
     * marks the row. The address is free for another allocation once the reconciler has made the row a tombstone.
     */
    public Uni<PublicIp> requestDelete(Tenant tenant, String name, Instant now, Precondition<PublicIp> expect) {
        return db.transaction(tx -> lockLive(tx, tenant, name, expect)
                .invoke(current -> {
                    if (current.instanceId() != null) {
                        throw NuageError.conflict("public_ip_attached", "Public address '" + name + "' is attached to instance '"
                                + current.instance() + "': detach it first", Map.of("instance", current.instance()));
                    }
                })
                .chain(current -> tx.preparedQuery(REQUEST_DELETE).execute(Tuple.of(current.id(), Sql.timestamp(now))))
                .map(PublicIpStore::first)
                .call(ip -> WorkItems.enqueue(tx, WorkKind.PUBLIC_IP, ip.id())));
    }

    /** The locked live row: its id, region and attachment. */
    record Current(UUID id, String region, UUID instanceId, String instance, List<PublicPort> ports) {
    }

    /** Locks the live public address: 404 if there is none, 409 while it is being deleted; then checks {@code expect}. */
    static Uni<Current> lockLive(SqlClient tx, Tenant tenant, String name, Precondition<PublicIp> expect) {
        return tx.preparedQuery("""
                SELECT id, region, instance_id, ports, delete_requested_at,
                  (SELECT i.name FROM instances i WHERE i.id = public_ips.instance_id) AS instance
                FROM public_ips WHERE tenant_id = $1 AND name = $2 AND deleted_at IS NULL FOR UPDATE""")
                .execute(Tuple.of(tenant.id(), name))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw NuageError.notFound("public address", name);
                    }
                    Row r = rows.iterator().next();
                    if (r.getValue("delete_requested_at") != null) {
                        throw NuageError.conflict("public_ip_deleting", "Public address '" + name + "' is being released");
                    }
                    return new Current(r.getUUID("id"), r.getString("region"), r.getUUID("instance_id"), r.getString("instance"),
                            ports(r.getJsonArray("ports")));
                })
                .call(current -> expect.verify(() -> tx.preparedQuery(REREAD).execute(Tuple.of(current.id())).map(PublicIpStore::first)));
    }

    private static NuageError alreadyExists(String name) {
        return NuageError.conflict("already_exists", "A public address named '" + name + "' already exists");
    }

    private static NuageError exhausted(String region, PublicIpPools.Pool pool) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("region", region);
        facts.put("pool", pool.cidr());
        return NuageError.conflict("public_ip_pool_exhausted", "Every public address of region '" + region + "' ("
                + pool.cidr() + ", " + pool.size() + " addresses) is held: release one, or ask the operator for a larger pool", facts);
    }

    static PublicIp first(RowSet<Row> rows) {
        return rows.size() == 0 ? null : map(rows.iterator().next());
    }

    static PublicIp map(Row r) {
        PublicIpStatus status = new PublicIpStatus(PublicIpPhase.of(r.getString("phase")), r.getString("status_message"),
                Conditions.fromJson(r.getJsonArray("conditions")), r.getLong("observed_generation"));
        return new PublicIp(r.getUUID("id"), r.getString("name"), r.getString("region"),
                RegionDirectory.countryOf(r.getString("region")), r.getString("address"),
                r.getString("instance"), ports(r.getJsonArray("ports")), Sql.stringMap(r, "labels"), r.getLong("generation"),
                status, Sql.instant(r, "created_at"), Sql.instant(r, "updated_at"));
    }

    static List<PublicPort> ports(JsonArray json) {
        List<PublicPort> ports = new ArrayList<>();
        for (int i = 0; json != null && i < json.size(); i++) {
            JsonObject p = json.getJsonObject(i);
            ports.add(new PublicPort(p.getInteger("port"), p.getString("protocol")));
        }
        return ports;
    }

    static JsonArray toJson(List<PublicPort> ports) {
        JsonArray json = new JsonArray();
        ports.forEach(p -> json.add(new JsonObject().put("port", p.port()).put("protocol", p.protocol())));
        return json;
    }
}
