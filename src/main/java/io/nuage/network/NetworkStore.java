package io.nuage.network;

import io.nuage.db.Transactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.db.ListFilter;
import io.nuage.platform.RegionDirectory;
import io.nuage.errors.NuageError;
import io.nuage.errors.Precondition;
import io.nuage.status.Conditions;
import io.nuage.db.Sql;
import io.nuage.sla.Recorded;
import io.nuage.work.WorkItems;
import io.nuage.work.WorkKind;
import io.nuage.tenancy.Regions;
import io.nuage.tenancy.Tenant;
import io.nuage.tenancy.TenantCounts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Network rows. Every change of desired state bumps the generation and enqueues a reconcile
 * pass in the same transaction. Creates take one of the tenant's networks quota on its row, and hold
 * that row's lock while they check that the CIDR overlaps none of the tenant's live networks, so two
 * concurrent creates cannot both pass.
 */
@ApplicationScoped
public class NetworkStore {

    /** A network as {@link #map} reads it, with the count of addresses its instances hold. */
    static final String COLUMNS = """
            id, name, region, cidr::text AS cidr, host(gateway) AS gateway, dns_servers, firewall_rules,
            labels, generation, phase, status_message, conditions, observed_generation, created_at, updated_at,
            (SELECT count(*) FROM network_addresses a WHERE a.network_id = networks.id) AS allocated""";

    private static final String INSERT = """
            INSERT INTO networks (id, tenant_id, name, cidr, gateway, dns_servers, firewall_rules, labels, created_at, updated_at,
              region)
            VALUES ($1, $2, $3, $4::text::cidr, $5::text::inet, $6, $7, $8, $9, $9, $10)
            RETURNING %s""".formatted(COLUMNS);
    private static final String FIND = "SELECT %s FROM networks WHERE tenant_id = $1 AND name = $2 AND deleted_at IS NULL"
            .formatted(COLUMNS);
    private static final String BY_ID = "SELECT %s FROM networks WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL"
            .formatted(COLUMNS);
    private static final String REREAD = "SELECT %s FROM networks WHERE id = $1".formatted(COLUMNS);
    /** A page of the tenant's networks; the list filter's conditions go where {@code %%s} is. */
    private static final String LIST = """
            SELECT %s FROM networks WHERE tenant_id = $1 AND deleted_at IS NULL
              AND name > $2%%s ORDER BY name LIMIT $3""".formatted(COLUMNS);
    private static final String UPDATE = """
            UPDATE networks SET dns_servers = $2, firewall_rules = $3, labels = $4, updated_at = $5,
              generation = generation + 1
            WHERE id = $1 RETURNING %s""".formatted(COLUMNS);
    private static final String REQUEST_DELETE = """
            UPDATE networks SET delete_requested_at = $2, phase = 'deleting', updated_at = $2,
              generation = generation + 1
            WHERE id = $1 RETURNING %s""".formatted(COLUMNS);
    /** The live row with its tenant's name and what the ledger last recorded of it. */
    private static final String RECONCILABLE = """
            SELECT n.*, %s
            FROM (SELECT %s, delete_requested_at, tenant_id,
                (SELECT t.name FROM tenants t WHERE t.id = networks.tenant_id) AS tenant_name
              FROM networks WHERE id = $1 AND deleted_at IS NULL) n
            LEFT JOIN ledger_resources l ON l.resource_id = n.id""".formatted(Recorded.columns("l"), COLUMNS);

    private final Transactions db;

    NetworkStore(Transactions db) {
        this.db = db;
    }

    public Uni<Network> create(Tenant tenant, NetworkSpec spec, Instant now) {
        UUID id = UUID.randomUUID();
        return db.transaction(tx -> TenantCounts.NETWORKS.take(tx, tenant)
                .chain(() -> Regions.requireHeld(tx, tenant.id(), spec.region()))
                .chain(() -> tx.preparedQuery("SELECT 1 FROM networks WHERE tenant_id = $1 AND name = $2 AND deleted_at IS NULL")
                        .execute(Tuple.of(tenant.id(), spec.name())))
                .invoke(rows -> {
                    if (rows.size() > 0) {
                        throw alreadyExists(spec.name());
                    }
                })
                .chain(() -> tx.preparedQuery("""
                        SELECT name, cidr::text AS cidr FROM networks
                        WHERE tenant_id = $1 AND deleted_at IS NULL AND cidr && $2::text::cidr ORDER BY name LIMIT 1""")
                        .execute(Tuple.of(tenant.id(), spec.cidr())))
                .invoke(rows -> {
                    if (rows.size() > 0) {
                        throw overlap(spec.cidr(), rows.iterator().next());
                    }
                })
                .chain(() -> tx.preparedQuery(INSERT)
                        .execute(Tuple.from(new Object[] { id, tenant.id(), spec.name(), spec.cidr(), spec.gateway(),
                                spec.dnsServers().toArray(String[]::new), FirewallRules.toJson(spec.firewallRules()),
                                Sql.json(spec.labels()), Sql.timestamp(now), spec.region() })))
                .map(NetworkStore::first)
                .call(n -> WorkItems.enqueue(tx, WorkKind.NETWORK, n.id())))
                .onFailure(Sql::isUniqueViolation).transform(e -> alreadyExists(spec.name()));
    }

    public Uni<Network> find(UUID tenantId, String name) {
        return db.client().preparedQuery(FIND)
                .execute(Tuple.of(tenantId, name))
                .map(NetworkStore::first);
    }

    public Uni<Network> findById(UUID tenantId, UUID id) {
        return db.client().preparedQuery(BY_ID)
                .execute(Tuple.of(tenantId, id))
                .map(NetworkStore::first);
    }

    public Uni<List<Network>> list(UUID tenantId, String after, int limit, ListFilter filter) {
        List<Object> params = new ArrayList<>(List.of(tenantId, after == null ? "" : after, limit));
        return db.client().preparedQuery(LIST.formatted(filter.sql("networks", params)))
                .execute(Tuple.from(params))
                .map(rows -> {
                    List<Network> list = new ArrayList<>();
                    rows.forEach(r -> list.add(map(r)));
                    return list;
                });
    }

    /**
     * Applies a change of desired state: {@code change} gets the current spec and returns the
     * new one. A change of DNS servers also enqueues the attached instances, whose cloud-init
     * network data carries them. {@code expect} is checked on the network once its row is locked.
     */
    public Uni<Network> update(Tenant tenant, String name, Instant now, Precondition<Network> expect,
            Function<NetworkSpec, NetworkSpec> change) {
        return db.transaction(tx -> lockLive(tx, tenant, name, expect).chain(current -> {
            NetworkSpec next = change.apply(current.spec());
            boolean dnsChanged = !next.dnsServers().equals(current.spec().dnsServers());
            return tx.preparedQuery(UPDATE)
                    .execute(Tuple.of(current.id(), next.dnsServers().toArray(String[]::new),
                            FirewallRules.toJson(next.firewallRules()), Sql.json(next.labels()), Sql.timestamp(now)))
                    .map(NetworkStore::first)
                    .call(n -> WorkItems.enqueue(tx, WorkKind.NETWORK, n.id()))
                    .call(n -> dnsChanged ? attachedInstances(tx, n.id()).chain(ids -> WorkItems.enqueue(tx, WorkKind.INSTANCE, ids))
                            : Uni.createFrom().voidItem());
        }));
    }

    /**
     * First phase of a delete: refused while an instance holds an address on the network
     * (until that instance is a tombstone); then marks the row for the reconciler.
     */
    public Uni<Network> requestDelete(Tenant tenant, String name, Instant now, Precondition<Network> expect) {
        return db.transaction(tx -> lockLive(tx, tenant, name, expect)
                .call(current -> tx.preparedQuery("""
                        SELECT i.name FROM network_addresses a JOIN instances i ON i.id = a.instance_id
                        WHERE a.network_id = $1 ORDER BY i.name""")
                        .execute(Tuple.of(current.id()))
                        .invoke(rows -> {
                            if (rows.size() > 0) {
                                throw inUse(name, rows);
                            }
                        }))
                .chain(current -> tx.preparedQuery(REQUEST_DELETE).execute(Tuple.of(current.id(), Sql.timestamp(now))))
                .map(NetworkStore::first)
                .call(n -> WorkItems.enqueue(tx, WorkKind.NETWORK, n.id())));
    }

    /** Everything a reconcile pass needs about one network. */
    public record Reconcilable(UUID id, String tenant, Network network, boolean deleting, UUID tenantId, Recorded recorded) {
    }

    /** The live (not tombstoned) network, or null. */
    public Uni<Reconcilable> reconcilable(UUID id) {
        return db.client().preparedQuery(RECONCILABLE).execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Reconcilable(r.getUUID("id"), r.getString("tenant_name"), map(r),
                            r.getValue("delete_requested_at") != null, r.getUUID("tenant_id"), Recorded.of(r));
                });
    }

    /** Writes observed status, only if the desired state is still the generation the pass worked from. */
    public Uni<Boolean> writeStatus(UUID id, long generation, NetworkStatus status) {
        return db.client().preparedQuery("""
                UPDATE networks SET phase = $3, status_message = $4, conditions = $5, observed_generation = $6
                WHERE id = $1 AND generation = $2 AND deleted_at IS NULL""")
                .execute(Tuple.from(new Object[] { id, generation, status.phase().key(), status.message(),
                        Conditions.toJson(status.conditions()), status.observedGeneration() }))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Second phase of a delete: the cluster objects are gone; keep the row as history, and give its count back. */
    public Uni<Void> tombstone(UUID id, Instant now) {
        return db.client().preparedQuery("""
                WITH gone AS (
                  UPDATE networks SET deleted_at = $2, phase = 'deleted'
                  WHERE id = $1 AND delete_requested_at IS NOT NULL AND deleted_at IS NULL RETURNING tenant_id)
                UPDATE tenants t SET used_networks = used_networks - 1 FROM gone WHERE t.id = gone.tenant_id""")
                .execute(Tuple.of(id, Sql.timestamp(now))).replaceWithVoid();
    }


    private record Current(UUID id, NetworkSpec spec) {
    }

    /** Locks the live network: 404 if there is none, 409 while it is being deleted; then checks {@code expect} on it. */
    private static Uni<Current> lockLive(SqlClient tx, Tenant tenant, String name, Precondition<Network> expect) {
        return tx.preparedQuery("""
                SELECT id, name, region, cidr::text AS cidr, host(gateway) AS gateway, dns_servers, firewall_rules, labels,
                  delete_requested_at
                FROM networks WHERE tenant_id = $1 AND name = $2 AND deleted_at IS NULL FOR UPDATE""")
                .execute(Tuple.of(tenant.id(), name))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw NuageError.notFound("network", name);
                    }
                    Row r = rows.iterator().next();
                    if (r.getValue("delete_requested_at") != null) {
                        throw NuageError.conflict("network_deleting", "Network '" + name + "' is being deleted");
                    }
                    return new Current(r.getUUID("id"), new NetworkSpec(r.getString("name"), r.getString("cidr"),
                            r.getString("gateway"), Arrays.asList(r.getArrayOfStrings("dns_servers")),
                            FirewallRules.fromJson(r.getJsonArray("firewall_rules")), Sql.stringMap(r, "labels"),
                            r.getString("region")));
                })
                .call(current -> expect.verify(() -> tx.preparedQuery(REREAD).execute(Tuple.of(current.id())).map(NetworkStore::first)));
    }

    private static Uni<List<UUID>> attachedInstances(SqlClient tx, UUID networkId) {
        return tx.preparedQuery("SELECT instance_id FROM network_addresses WHERE network_id = $1")
                .execute(Tuple.of(networkId))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getUUID("instance_id")));
                    return ids;
                });
    }

    private static NuageError alreadyExists(String name) {
        return NuageError.conflict("already_exists", "A network named '" + name + "' already exists");
    }

    private static NuageError overlap(String cidr, Row other) {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("overlapping_network", other.getString("name"));
        ext.put("overlapping_cidr", other.getString("cidr"));
        return NuageError.conflict("cidr_overlap", "CIDR " + cidr + " overlaps network '"
                + other.getString("name") + "' (" + other.getString("cidr") + ")", ext);
    }

    private static NuageError inUse(String name, RowSet<Row> rows) {
        List<String> instances = new ArrayList<>();
        rows.forEach(r -> instances.add(r.getString("name")));
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("instances", instances);
        return NuageError.conflict("network_in_use", "Network '" + name + "' is in use by " + instances.size()
                + " instance(s): delete them first", ext);
    }

    private static Network first(RowSet<Row> rows) {
        return rows.size() == 0 ? null : map(rows.iterator().next());
    }

    static Network map(Row r) {
        String cidr = r.getString("cidr");
        long allocated = r.getLong("allocated");
        NetworkStatus status = new NetworkStatus(NetworkPhase.of(r.getString("phase")), r.getString("status_message"), allocated,
                assignable(cidr) - allocated, Conditions.fromJson(r.getJsonArray("conditions")), r.getLong("observed_generation"));
        return new Network(r.getUUID("id"), r.getString("name"), r.getString("region"),
                RegionDirectory.countryOf(r.getString("region")), cidr, r.getString("gateway"),
                Arrays.asList(r.getArrayOfStrings("dns_servers")), FirewallRules.fromJson(r.getJsonArray("firewall_rules")),
                Sql.stringMap(r, "labels"), r.getLong("generation"), status, Sql.instant(r, "created_at"), Sql.instant(r, "updated_at"));
    }

    /** Host addresses less the gateway: what instances can get. */
    static long assignable(String cidr) {
        return Ipv4.parseBlock(cidr).size() - 3;
    }
}
