package io.nuage.compute;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.errors.NuageError;
import io.nuage.tenancy.Regions;
import io.nuage.db.Sql;
import io.nuage.sla.Recorded;
import io.nuage.kubevirt.DesiredNic;
import io.nuage.network.NetworkAddresses;
import io.nuage.platform.SecretBox;
import io.nuage.db.ReconcilerDatabase;
import io.nuage.work.WorkItems;
import io.nuage.work.WorkKind;
import io.nuage.storage.AttachmentStore;
import io.nuage.storage.SnapshotStore;
import io.nuage.tenancy.Tenant;
import io.nuage.tenancy.TenantStore;
import io.nuage.tenancy.Tokens;
import io.nuage.network.InstanceNetwork;
import io.nuage.status.Conditions;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Instance rows. Every change of desired state bumps the generation and enqueues a reconcile
 * pass in the same transaction; creates and resizes check the tenant quota under a lock on
 * the tenant row, so concurrent requests cannot overshoot it.
 */
@ApplicationScoped
public class InstanceStore {

    static final String COLUMNS = "id, name, region, vcpus, memory_mib, image, ssh_keys, user_data_sha256, labels,"
            + " running, generation, phase, status_message, conditions, ip_addresses, node, observed_generation,"
            + " created_at, updated_at, networks, " + volumesOf("instances");

    /** The names of the volumes attached to the instance row {@code alias} (detaching ones excluded), in attach order. */
    private static String volumesOf(String alias) {
        return "(SELECT COALESCE(array_agg(v.name ORDER BY a.attached_at, v.name), '{}') FROM volume_attachments a"
                + " JOIN volumes v ON v.id = a.volume_id WHERE a.instance_id = " + alias + ".id"
                + " AND a.detach_requested_at IS NULL) AS volumes";
    }

    private final Pool pool;
    private final SecretBox secrets;
    private final NetworkAddresses addresses;
    private final AttachmentStore attachments;
    private final TenantStore tenants;
    private final WorkItems queue;
    private final ReconcilerDatabase passes;

    InstanceStore(Pool pool, SecretBox secrets, NetworkAddresses addresses, AttachmentStore attachments, TenantStore tenants,
            WorkItems queue, ReconcilerDatabase passes) {
        this.pool = pool;
        this.secrets = secrets;
        this.addresses = addresses;
        this.attachments = attachments;
        this.tenants = tenants;
        this.queue = queue;
        this.passes = passes;
    }

    /**
     * Creates the instance in the live tenant named {@code tenantName} if its regions and quota allow it; the region
     * is the tenant's first unless {@code spec} names one. Without NICs or volumes it is one statement: it reserves the
     * usage on the tenant row (a conditional UPDATE that also checks the region, re-checked against the newest row
     * version when creates race), inserts the instance and enqueues it; only a refusal costs another statement,
     * to say why. With NICs or volumes it runs in a transaction that first reads the tenant, locks the volumes (as a
     * volume growth does, before the tenant row), then the networks to pick the addresses ({@link NetworkAddresses}),
     * and attaches the volumes last. Nothing happens unless all of it does. Once committed, the reconcilers are woken
     * ({@link WorkItems#committed}).
     */
    public Uni<Instance> create(String tenantName, InstanceSpec spec, List<InstanceNetwork> networks, List<String> volumes,
            List<String> offeredRegions, Instant now) {
        Uni<Instance> created = networks.isEmpty() && volumes.isEmpty()
                ? insert(pool, tenantName, spec, List.of(), offeredRegions, now)
                : pool.withTransaction(tx -> tenants.find(tx, tenantName).chain(tenant -> {
                    if (tenant == null) {
                        throw NuageError.notFound("tenant", tenantName);
                    }
                    Regions.check(tenant, spec.region() == null ? tenant.regions().get(0) : spec.region(), offeredRegions);
                    return attachments.lockForCreate(tx, tenant, volumes)
                            .chain(volumeIds -> (networks.isEmpty() ? Uni.createFrom().item(List.<NetworkAddresses.Planned>of())
                                    : addresses.plan(tx, tenant.id(), networks))
                                    .chain(planned -> insert(tx, tenantName, spec, planned, offeredRegions, now))
                                    .call(i -> attachments.insertAtCreate(tx, i.id(), volumeIds, now)))
                            .chain(i -> volumes.isEmpty() ? Uni.createFrom().item(i)
                                    : tx.preparedQuery("SELECT " + COLUMNS + " FROM instances WHERE id = $1")
                                            .execute(Tuple.of(i.id())).map(InstanceStore::first));
                }));
        return created.invoke(queue::committed).onFailure(Sql::isUniqueViolation).transform(e -> duplicate(e, spec));
    }

    private Uni<Instance> insert(SqlClient client, String tenantName, InstanceSpec spec, List<NetworkAddresses.Planned> nics,
            List<String> offeredRegions, Instant now) {
        UUID id = UUID.randomUUID();
        JsonArray shown = new JsonArray();
        nics.forEach(n -> shown.add(new JsonObject().put("network", n.network()).put("ip", n.ip())));
        return client.preparedQuery("WITH reserve AS (UPDATE tenants SET used_vcpus = used_vcpus + $5::int,"
                + " used_memory_mib = used_memory_mib + $6::int, used_instances = used_instances + 1"
                + " WHERE name = $2 AND deleted_at IS NULL AND COALESCE($4, regions[1]) = ANY(regions)"
                + " AND COALESCE($4, regions[1]) = ANY($17::text[])"
                + " AND used_vcpus + $5::int <= quota_vcpus AND used_memory_mib + $6::int <= quota_memory_mib"
                + " AND used_instances + 1 <= quota_instances RETURNING id, COALESCE($4, regions[1]) AS region),"
                + " ins AS (INSERT INTO instances (id, tenant_id, name, region, vcpus, memory_mib, image, ssh_keys,"
                + " user_data_sealed, user_data_sha256, labels, running, created_at, updated_at, networks)"
                + " SELECT $1, reserve.id, $3, reserve.region, $5::int, $6::int, $7, $8, $9, $10, $11, $12, $13, $13, $14::jsonb"
                + " FROM reserve RETURNING " + COLUMNS + "),"
                + " addr AS (INSERT INTO network_addresses (network_id, address, instance_id, nic)"
                + " SELECT x.network_id, x.address::inet, ins.id, x.nic::int FROM ins,"
                + " unnest($15::uuid[], $16::text[]) WITH ORDINALITY AS x(network_id, address, nic)),"
                + " work AS (INSERT INTO work_items (kind, resource_id, not_before)"
                + " SELECT '" + WorkKind.INSTANCE.key() + "', id, now() FROM ins)"
                + " SELECT ins.* FROM ins")
                .execute(Tuple.from(new Object[] { id, tenantName, spec.name(), spec.region(), spec.vcpus(),
                        spec.memoryMib(), spec.image(), spec.sshKeys().toArray(String[]::new), sealed(spec.userData()),
                        digest(spec.userData()), Sql.json(spec.labels()), spec.running(), Sql.timestamp(now), shown,
                        nics.stream().map(NetworkAddresses.Planned::networkId).toArray(UUID[]::new),
                        nics.stream().map(NetworkAddresses.Planned::ip).toArray(String[]::new),
                        offeredRegions.toArray(String[]::new) }))
                .chain(rows -> rows.size() > 0 ? Uni.createFrom().item(map(rows.iterator().next()))
                        : refusal(client, tenantName, spec, offeredRegions));
    }

    /** Why the tenant took no instance: it is gone (404), the region is not its (422), or the quota is full (422). */
    private Uni<Instance> refusal(SqlClient client, String tenantName, InstanceSpec spec, List<String> offeredRegions) {
        return tenants.find(client, tenantName).chain(tenant -> {
            if (tenant == null) {
                throw NuageError.notFound("tenant", tenantName);
            }
            Regions.check(tenant, spec.region() == null ? tenant.regions().get(0) : spec.region(), offeredRegions);
            return usage(client, tenant).map(r -> {
                throw quotaExceeded(r, spec.vcpus(), spec.memoryMib(), true);
            });
        });
    }

    /** A duplicate name; or, should an address slip past the locks, the primary key refusing it. */
    private static NuageError duplicate(Throwable e, InstanceSpec spec) {
        if (e instanceof PgException pg && "network_addresses_pkey".equals(pg.getConstraint())) {
            return NuageError.conflict("ip_in_use", "An address asked for is already in use; try again");
        }
        return NuageError.conflict("already_exists", "An instance named '" + spec.name() + "' already exists");
    }

    private Uni<Row> usage(Tenant tenant) {
        return usage(pool, tenant);
    }

    private static Uni<Row> usage(SqlClient client, Tenant tenant) {
        return client.preparedQuery("SELECT quota_vcpus, quota_memory_mib, quota_instances, used_vcpus,"
                + " used_memory_mib AS used_memory, used_instances FROM tenants WHERE id = $1")
                .execute(Tuple.of(tenant.id())).map(rows -> rows.iterator().next());
    }

    public Uni<Instance> find(UUID tenantId, String name) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM instances WHERE tenant_id = $1 AND name = $2 AND deleted_at IS NULL")
                .execute(Tuple.of(tenantId, name))
                .map(InstanceStore::first);
    }

    public Uni<List<Instance>> list(UUID tenantId, String after, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM instances WHERE tenant_id = $1 AND deleted_at IS NULL"
                + " AND name > $2 ORDER BY name LIMIT $3")
                .execute(Tuple.of(tenantId, after == null ? "" : after, limit))
                .map(rows -> {
                    List<Instance> list = new ArrayList<>();
                    rows.forEach(r -> list.add(map(r)));
                    return list;
                });
    }

    /**
     * Applies a change of desired state. {@code change} gets the current spec and returns the
     * new one; a resize is checked against the quota first.
     */
    public Uni<Instance> update(Tenant tenant, String name, Instant now, Function<Current, InstanceSpec> change) {
        return pool.withTransaction(tx -> lockLive(tx, tenant, name).chain(current -> {
            InstanceSpec next = change.apply(current);
            Uni<Void> restore = next.running() && !current.spec().running()
                    ? SnapshotStore.restoring(tx, current.id()).invoke(restoring -> {
                        if (restoring) {
                            throw NuageError.conflict("restore_in_progress", "Instance '" + name
                                    + "' is being restored from a snapshot: it can start once the restore is complete");
                        }
                    }).replaceWithVoid()
                    : Uni.createFrom().voidItem();
            Uni<Void> quota = restore.chain(() -> next.vcpus() != current.spec().vcpus() || next.memoryMib() != current.spec().memoryMib()
                    ? resize(tx, tenant, current, next.vcpus(), next.memoryMib())
                    : Uni.createFrom().voidItem());
            boolean userDataChanged = next.userData() != null;
            return quota.chain(() -> tx.preparedQuery("UPDATE instances SET vcpus=$2, memory_mib=$3, image=$4, ssh_keys=$5,"
                    + " user_data_sealed = CASE WHEN $6 THEN $7 ELSE user_data_sealed END,"
                    + " user_data_sha256 = CASE WHEN $6 THEN $8 ELSE user_data_sha256 END,"
                    + " labels=$9, running=$10, updated_at=$11, generation = generation + 1 WHERE id=$1 RETURNING " + COLUMNS)
                    .execute(Tuple.from(new Object[] { current.id(), next.vcpus(), next.memoryMib(), next.image(),
                            next.sshKeys().toArray(String[]::new), userDataChanged,
                            userDataChanged ? sealed(next.userData()) : null, userDataChanged ? digest(next.userData()) : null,
                            Sql.json(next.labels()), next.running(), Sql.timestamp(now) })))
                    .map(InstanceStore::first)
                    .call(i -> WorkItems.enqueue(tx, WorkKind.INSTANCE, i.id()));
        }));
    }

    /** Asks for a reboot: the reconciler replaces the running VirtualMachineInstance. */
    public Uni<Instance> requestRestart(Tenant tenant, String name, Instant now) {
        return pool.withTransaction(tx -> lockLive(tx, tenant, name).chain(current -> {
            if (!current.spec().running()) {
                throw NuageError.conflict("instance_stopped", "Instance '" + name + "' is stopped: start it instead");
            }
            return tx.preparedQuery("UPDATE instances SET restarts_requested = restarts_requested + 1, updated_at=$2,"
                    + " generation = generation + 1 WHERE id=$1 RETURNING " + COLUMNS)
                    .execute(Tuple.of(current.id(), Sql.timestamp(now)))
                    .map(InstanceStore::first)
                    .call(i -> WorkItems.enqueue(tx, WorkKind.INSTANCE, i.id()));
        }));
    }

    /** First phase of a delete: marks the row; the reconciler removes the objects, then tombstones it. */
    public Uni<Instance> requestDelete(Tenant tenant, String name, Instant now) {
        return pool.withTransaction(tx -> lockLive(tx, tenant, name).chain(current -> tx.preparedQuery(
                "UPDATE instances SET delete_requested_at = COALESCE(delete_requested_at, $2), phase = 'deleting',"
                        + " updated_at = $2, generation = generation + 1 WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.of(current.id(), Sql.timestamp(now)))
                .map(InstanceStore::first)
                .call(i -> WorkItems.enqueue(tx, WorkKind.INSTANCE, i.id()))));
    }

    /** Everything a reconcile pass needs about one instance, user data still sealed. */
    public record Reconcilable(UUID id, String tenant, String name, int vcpus, int memoryMib, String image,
            List<String> sshKeys, byte[] userDataSealed, boolean running, long generation, int restartsRequested,
            int restartsDone, boolean deleting, InstanceStatus status, List<DesiredNic> nics,
            List<AttachmentStore.Attached> attachments, UUID tenantId, String region, Instant createdAt, Recorded recorded) {
    }

    /** Its NICs on networks, in order, with what the guest's network data needs of each network. */
    private static final String NICS = "(SELECT COALESCE(json_agg(json_build_object('network', n.name, 'ip', host(a.address),"
            + " 'prefix', masklen(n.cidr), 'dns', n.dns_servers) ORDER BY a.nic), '[]'::json)"
            + " FROM network_addresses a JOIN networks n ON n.id = a.network_id WHERE a.instance_id = i.id) AS nics";

    static final String RECONCILABLE = "SELECT i.*, t.name AS tenant_name, " + NICS + ", " + volumesOf("i") + ", "
            + AttachmentStore.ATTACHMENTS_OF_I + ", " + Recorded.columns("l") + " FROM instances i JOIN tenants t ON t.id = i.tenant_id"
            + " LEFT JOIN ledger_resources l ON l.resource_id = i.id WHERE i.id = ANY($1) AND i.deleted_at IS NULL";

    /**
     * The live (not tombstoned) instances among {@code ids}, by id: one statement for a batch of passes, on the
     * reconciler's pool, which plans it once ({@link ReconcilerDatabase}).
     */
    public Uni<Map<UUID, Reconcilable>> reconcilable(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return passes.pool().preparedQuery(RECONCILABLE)
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Reconcilable> found = new HashMap<>();
                    rows.forEach(r -> found.put(r.getUUID("id"), reconcilable(r)));
                    return found;
                });
    }

    private static Reconcilable reconcilable(Row r) {
        io.vertx.mutiny.core.buffer.Buffer sealed = r.getBuffer("user_data_sealed");
        return new Reconcilable(r.getUUID("id"), r.getString("tenant_name"), r.getString("name"),
                r.getInteger("vcpus"), r.getInteger("memory_mib"), r.getString("image"),
                Arrays.asList(r.getArrayOfStrings("ssh_keys")), sealed == null ? null : sealed.getBytes(),
                r.getBoolean("running"), r.getLong("generation"), r.getInteger("restarts_requested"),
                r.getInteger("restarts_done"), r.getValue("delete_requested_at") != null, map(r).status(),
                nics(r.getJsonArray("nics")), AttachmentStore.attachments(r.getJsonArray("attachments")),
                r.getUUID("tenant_id"), r.getString("region"), Sql.instant(r, "created_at"), Recorded.of(r));
    }

    private static List<DesiredNic> nics(JsonArray json) {
        List<DesiredNic> nics = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            JsonObject n = json.getJsonObject(i);
            List<String> dns = new ArrayList<>();
            n.getJsonArray("dns").forEach(s -> dns.add((String) s));
            nics.add(new DesiredNic(n.getString("network"), n.getString("ip"), n.getInteger("prefix"), dns));
        }
        return nics;
    }

    public String openUserData(byte[] sealed) {
        return sealed == null ? null : secrets.open(sealed);
    }

    /** Observed status for one instance, as a pass saw it, from the desired state of {@code generation}. */
    public record StatusWrite(UUID id, long generation, InstanceStatus status, int restartsDone) {
    }

    static final String STATUS_WRITE = "UPDATE instances i SET phase = s.phase, status_message = s.message,"
            + " conditions = s.conditions, ip_addresses = s.ip_addresses, node = s.node,"
            + " observed_generation = s.observed_generation, restarts_done = s.restarts_done"
            + " FROM jsonb_to_recordset($1::jsonb) AS s(id uuid, generation bigint, phase text, message text,"
            + " conditions jsonb, ip_addresses text[], node text, observed_generation bigint, restarts_done int)"
            + " WHERE i.id = ANY($2) AND i.id = s.id AND i.generation = s.generation AND i.deleted_at IS NULL";

    /**
     * Writes the observed statuses of a batch of passes, each only if the desired state is still the generation its
     * pass worked from: a change in between re-enqueued the item, and the next pass will report. One statement on the
     * reconciler's pool, planned once. The rows are found through the array of ids, by primary key: joined on the
     * statuses alone, PostgreSQL expected a hundred of them and scanned every live instance.
     */
    public Uni<Void> writeStatuses(List<StatusWrite> writes) {
        if (writes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        JsonArray statuses = new JsonArray();
        for (StatusWrite w : writes) {
            InstanceStatus status = w.status();
            statuses.add(new JsonObject().put("id", w.id().toString()).put("generation", w.generation())
                    .put("phase", status.phase()).put("message", status.message())
                    .put("conditions", Conditions.toJson(status.conditions()))
                    .put("ip_addresses", new JsonArray(status.ipAddresses())).put("node", status.node())
                    .put("observed_generation", status.observedGeneration()).put("restarts_done", w.restartsDone()));
        }
        return passes.pool().preparedQuery(STATUS_WRITE)
                .execute(Tuple.of(statuses, writes.stream().map(StatusWrite::id).toArray(UUID[]::new)))
                .replaceWithVoid();
    }

    /** Second phase of a delete: the cluster objects are gone; keep the row as history, free its addresses and volumes. */
    public Uni<Void> tombstone(UUID id, Instant now) {
        return pool.preparedQuery("WITH detached AS (DELETE FROM volume_attachments WHERE instance_id = $1"
                + " AND EXISTS (SELECT 1 FROM instances WHERE id = $1 AND delete_requested_at IS NOT NULL)),"
                + " gone AS (UPDATE instances SET deleted_at = $2, phase = 'deleted', ip_addresses = '{}'"
                + " WHERE id = $1 AND delete_requested_at IS NOT NULL AND deleted_at IS NULL"
                + " RETURNING id, tenant_id, vcpus, memory_mib),"
                + " freed AS (DELETE FROM network_addresses a USING gone WHERE a.instance_id = gone.id)"
                + " UPDATE tenants t SET used_vcpus = used_vcpus - gone.vcpus, used_memory_mib = used_memory_mib - gone.memory_mib,"
                + " used_instances = used_instances - 1 FROM gone WHERE t.id = gone.tenant_id")
                .execute(Tuple.of(id, Sql.timestamp(now))).replaceWithVoid();
    }


    /** The current row with its desired spec (user data not decrypted: null). */
    public record Current(UUID id, InstanceSpec spec) {
    }

    /** Locks the live instance for a change of its desired state: 404 if there is none, 409 while it is being deleted. */
    public static Uni<Current> lockLive(SqlClient tx, Tenant tenant, String name) {
        return tx.preparedQuery("SELECT id, name, region, vcpus, memory_mib, image, ssh_keys, labels, running,"
                + " delete_requested_at FROM instances WHERE tenant_id = $1 AND name = $2 AND deleted_at IS NULL FOR UPDATE")
                .execute(Tuple.of(tenant.id(), name))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw NuageError.notFound("instance", name);
                    }
                    Row r = rows.iterator().next();
                    if (r.getValue("delete_requested_at") != null) {
                        throw NuageError.conflict("instance_deleting", "Instance '" + name + "' is being deleted");
                    }
                    return new Current(r.getUUID("id"), new InstanceSpec(r.getString("name"), r.getInteger("vcpus"),
                            r.getInteger("memory_mib"), r.getString("image"), Arrays.asList(r.getArrayOfStrings("ssh_keys")),
                            null, Sql.stringMap(r, "labels"), r.getString("region"), r.getBoolean("running")));
                });
    }

    /**
     * Moves the tenant's usage by the resize, refusing with 422 and the numbers when growing
     * past the quota. In the caller's transaction, with the instance row locked.
     */
    private Uni<Void> resize(SqlClient tx, Tenant tenant, Current current, int vcpus, int memoryMib) {
        int dv = vcpus - current.spec().vcpus();
        int dm = memoryMib - current.spec().memoryMib();
        return tx.preparedQuery("UPDATE tenants SET used_vcpus = used_vcpus + $2::int, used_memory_mib = used_memory_mib + $3::int"
                + " WHERE id = $1 AND ($2::int <= 0 OR used_vcpus + $2::int <= quota_vcpus)"
                + " AND ($3::int <= 0 OR used_memory_mib + $3::int <= quota_memory_mib)"
                + " RETURNING quota_vcpus, quota_memory_mib, quota_instances, used_vcpus - $2::int AS used_vcpus,"
                + " used_memory_mib - $3::int AS used_memory, used_instances")
                .execute(Tuple.of(tenant.id(), dv, dm))
                .chain(rows -> rows.size() > 0 ? Uni.createFrom().voidItem()
                        : usage(tenant).map(r -> {
                            throw quotaExceededResize(r, current, vcpus, memoryMib);
                        }));
    }

    /** The stored usage includes the instance's current size; the answer reports usage without it. */
    private static NuageError quotaExceededResize(Row r, Current current, int vcpus, int memoryMib) {
        long usedVcpus = r.getLong("used_vcpus") - current.spec().vcpus();
        long usedMemory = r.getLong("used_memory") - current.spec().memoryMib();
        List<String> over = new ArrayList<>();
        if (usedVcpus + vcpus > r.getInteger("quota_vcpus")) {
            over.add("vcpus");
        }
        if (usedMemory + memoryMib > r.getLong("quota_memory_mib")) {
            over.add("memory_mib");
        }
        return quotaProblem(r, over, usedVcpus, usedMemory, r.getInteger("used_instances"), vcpus, memoryMib, 0);
    }

    private static NuageError quotaExceeded(Row r, int vcpus, int memoryMib, boolean newInstance) {
        long usedVcpus = r.getLong("used_vcpus");
        long usedMemory = r.getLong("used_memory");
        long usedInstances = r.getInteger("used_instances");
        List<String> over = new ArrayList<>();
        if (usedVcpus + vcpus > r.getInteger("quota_vcpus")) {
            over.add("vcpus");
        }
        if (usedMemory + memoryMib > r.getLong("quota_memory_mib")) {
            over.add("memory_mib");
        }
        if (newInstance && usedInstances + 1 > r.getInteger("quota_instances")) {
            over.add("instances");
        }
        return quotaProblem(r, over, usedVcpus, usedMemory, usedInstances, vcpus, memoryMib, newInstance ? 1 : 0);
    }

    private static NuageError quotaProblem(Row r, List<String> over, long usedVcpus, long usedMemory, long usedInstances,
            int vcpus, int memoryMib, int instances) {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("exceeded", over);
        ext.put("quota", Map.of("vcpus", r.getInteger("quota_vcpus"), "memory_mib", r.getLong("quota_memory_mib"),
                "instances", r.getInteger("quota_instances")));
        ext.put("usage", Map.of("vcpus", usedVcpus, "memory_mib", usedMemory, "instances", usedInstances));
        ext.put("request", Map.of("vcpus", vcpus, "memory_mib", memoryMib, "instances", instances));
        return NuageError.rejected("quota_exceeded",
                "The request would exceed the tenant quota for " + String.join(", ", over), ext);
    }

    private Buffer sealed(String userData) {
        return userData == null ? null : Buffer.buffer(secrets.seal(userData));
    }

    private static String digest(String userData) {
        return userData == null ? null : "sha256:" + HexFormat.of().formatHex(Tokens.sha256(userData));
    }

    private static Instance first(RowSet<Row> rows) {
        return rows.size() == 0 ? null : map(rows.iterator().next());
    }

    static Instance map(Row r) {
        return new Instance(r.getUUID("id"), r.getString("name"), r.getInteger("vcpus"), r.getInteger("memory_mib"),
                r.getString("image"), Arrays.asList(r.getArrayOfStrings("ssh_keys")), r.getString("user_data_sha256"),
                Sql.stringMap(r, "labels"), r.getString("region"), networks(r.getJsonArray("networks")), r.getBoolean("running"),
                Arrays.asList(r.getArrayOfStrings("volumes")), r.getLong("generation"),
                new InstanceStatus(r.getString("phase"), r.getString("status_message"), Conditions.fromJson(r.getJsonArray("conditions")),
                        Arrays.asList(r.getArrayOfStrings("ip_addresses")), r.getString("node"), r.getLong("observed_generation")),
                Sql.instant(r, "created_at"), Sql.instant(r, "updated_at"));
    }

    private static List<InstanceNetwork> networks(JsonArray json) {
        List<InstanceNetwork> list = new ArrayList<>();
        for (int i = 0; json != null && i < json.size(); i++) {
            JsonObject n = json.getJsonObject(i);
            list.add(new InstanceNetwork(n.getString("network"), n.getString("ip")));
        }
        return list;
    }
}
