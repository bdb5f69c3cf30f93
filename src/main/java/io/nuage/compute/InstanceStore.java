package io.nuage.compute;

import io.nuage.platform.RegionDirectory;
import io.nuage.db.Transactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.db.ListFilter;
import io.nuage.db.Sql;
import io.nuage.errors.NuageError;
import io.nuage.errors.Precondition;
import io.nuage.network.InstanceNetwork;
import io.nuage.publicip.PublicIpAttachments;
import io.nuage.status.Conditions;
import io.nuage.storage.SnapshotStore;
import io.nuage.tenancy.Tenant;
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
 * The instances table as the API reads and changes it. Every change of desired state bumps the
 * generation and enqueues a reconcile pass in the same transaction. Creates are {@link InstanceCreation}'s,
 * the reconciler's rows {@link InstanceRows}'.
 */
@ApplicationScoped
public class InstanceStore {

    /** An instance as the API shows it, with the names of its attached volumes (detaching ones excluded), in attach order. */
    static final String COLUMNS = """
            id, name, instance_type, region, vcpus, memory_mib, image, boot_image, boot_size_gib, ssh_keys, ssh_key_names, user_data_sha256, labels, running, generation, phase,
            status_message, conditions, ip_addresses, node, observed_generation, created_at, updated_at, networks,
            (SELECT COALESCE(array_agg(v.name ORDER BY a.attached_at, v.name), '{}') FROM volume_attachments a
             JOIN volumes v ON v.id = a.volume_id WHERE a.instance_id = instances.id AND a.detach_requested_at IS NULL) AS volumes,
            (SELECT host(p.address) FROM public_ips p WHERE p.instance_id = instances.id AND p.deleted_at IS NULL) AS public_ip""";

    private static final String FIND = "SELECT %s FROM instances WHERE tenant_id = $1 AND name = $2 AND deleted_at IS NULL"
            .formatted(COLUMNS);
    /** A page of the tenant's instances; the list filter's conditions go where {@code %%s} is. */
    private static final String LIST = """
            SELECT %s FROM instances WHERE tenant_id = $1 AND deleted_at IS NULL AND name > $2%%s
            ORDER BY name LIMIT $3""".formatted(COLUMNS);
    private static final String BY_ID = "SELECT %s FROM instances WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL"
            .formatted(COLUMNS);
    private static final String REREAD = "SELECT %s FROM instances WHERE id = $1".formatted(COLUMNS);
    /** A change of desired state; user data changes only when a new one is given ($6). */
    private static final String UPDATE = """
            UPDATE instances SET vcpus = $2, memory_mib = $3, image = $4, ssh_keys = $5,
              user_data_sealed = CASE WHEN $6 THEN $7 ELSE user_data_sealed END,
              user_data_sha256 = CASE WHEN $6 THEN $8 ELSE user_data_sha256 END,
              labels = $9, running = $10, updated_at = $11, ssh_key_names = $12, instance_type = $13, boot_size_gib = $14,
              generation = generation + 1
            WHERE id = $1 RETURNING %s""".formatted(COLUMNS);

    private final Transactions db;
    private final UserData userData;

    InstanceStore(Transactions db, UserData userData) {
        this.db = db;
        this.userData = userData;
    }

    public Uni<Instance> find(UUID tenantId, String name) {
        return db.client().preparedQuery(FIND)
                .execute(Tuple.of(tenantId, name))
                .map(InstanceStore::first);
    }

    public Uni<Instance> findById(UUID tenantId, UUID id) {
        return db.client().preparedQuery(BY_ID)
                .execute(Tuple.of(tenantId, id))
                .map(InstanceStore::first);
    }

    /**
     * The statement of {@link #list}, its parameters ({@code tenant id, after, limit}, then the filter's, added to
     * {@code params}): public so that a test can read its plan.
     */
    public static String listStatement(ListFilter filter, List<Object> params) {
        return LIST.formatted(filter.sql("instances", params));
    }

    public Uni<List<Instance>> list(UUID tenantId, String after, int limit, ListFilter filter) {
        List<Object> params = new ArrayList<>(List.of(tenantId, after == null ? "" : after, limit));
        return db.client().preparedQuery(listStatement(filter, params))
                .execute(Tuple.from(params))
                .map(rows -> {
                    List<Instance> list = new ArrayList<>();
                    rows.forEach(r -> list.add(map(r)));
                    return list;
                });
    }

    static Uni<Instance> reread(SqlClient tx, UUID id) {
        return tx.preparedQuery(REREAD).execute(Tuple.of(id)).map(InstanceStore::first);
    }

    /**
     * Applies a change of desired state. {@code change} gets the current spec (user data null: not decrypted) and
     * returns the new one (user data null: unchanged). A start waits for a restore in progress; a resize is checked
     * against the quota first. {@code expect} is checked on the instance once its row is locked.
     */
    public Uni<Instance> update(Tenant tenant, String name, Instant now, Precondition<Instance> expect,
            Function<Current, InstanceSpec> change) {
        return db.transaction(tx -> lockLive(tx, tenant, name, expect).chain(current -> {
            InstanceSpec next = change.apply(current);
            InstanceSpec was = current.spec();
            Uni<Void> restore = next.running() && !was.running()
                    ? SnapshotStore.restoring(tx, current.id()).invoke(restoring -> {
                        if (restoring) {
                            throw NuageError.conflict("restore_in_progress", "Instance '" + name
                                    + "' is being restored from a snapshot: it can start once the restore is complete");
                        }
                    }).replaceWithVoid()
                    : Uni.createFrom().voidItem();
            boolean resized = next.vcpus() != was.vcpus() || next.memoryMib() != was.memoryMib();
            boolean grown = next.storageGib() != was.storageGib();
            Uni<Void> quota = restore.chain(() -> resized || grown ? InstanceQuota.resize(tx, tenant.id(), was, next)
                    : Uni.createFrom().voidItem())
                    .call(() -> next.sshKeyNames().equals(was.sshKeyNames()) ? Uni.createFrom().voidItem()
                            : SshKeyStore.requireExisting(tx, tenant.id(), next.sshKeyNames()))
                    .call(() -> next.instanceType() == null || next.instanceType().equals(was.instanceType()) ? Uni.createFrom().voidItem()
                            : InstanceTypeStore.resolve(tx, next.instanceType(), "instance_type"));
            boolean userDataChanged = next.userData() != null;
            return quota.chain(() -> tx.preparedQuery(UPDATE)
                    .execute(Tuple.from(new Object[] { current.id(), next.vcpus(), next.memoryMib(), next.image(),
                            next.sshKeys().toArray(String[]::new), userDataChanged,
                            userDataChanged ? userData.seal(next.userData()) : null,
                            userDataChanged ? UserData.digest(next.userData()) : null,
                            Sql.json(next.labels()), next.running(), Sql.timestamp(now),
                            next.sshKeyNames().toArray(String[]::new), next.instanceType(),
                            next.boot() == null ? null : next.boot().sizeGib() })))
                    .map(InstanceStore::first)
                    .call(i -> WorkItems.enqueue(tx, WorkKind.INSTANCE, i.id()));
        }));
    }

    /** Asks for a reboot: the reconciler replaces the running VirtualMachineInstance. */
    public Uni<Instance> requestRestart(Tenant tenant, String name, Instant now, Precondition<Instance> expect) {
        return db.transaction(tx -> lockLive(tx, tenant, name, expect).chain(current -> {
            if (!current.spec().running()) {
                throw NuageError.conflict("instance_stopped", "Instance '" + name + "' is stopped: start it instead");
            }
            return changed(tx, current.id(), "restarts_requested = restarts_requested + 1,", now);
        }));
    }

    /**
     * First phase of a delete: marks the row and detaches its public address, which stays the tenant's; the reconciler
     * removes the objects, then tombstones it.
     */
    public Uni<Instance> requestDelete(Tenant tenant, String name, Instant now, Precondition<Instance> expect) {
        return db.transaction(tx -> lockLive(tx, tenant, name, expect)
                .call(current -> PublicIpAttachments.instanceDeleting(tx, current.id(), now))
                .chain(current -> changed(tx, current.id(), "delete_requested_at = COALESCE(delete_requested_at, $2), phase = 'deleting',", now)));
    }

    /** Sets {@code set} (a fragment of SET that may use $2, the time), bumps the generation and enqueues a pass. */
    private static Uni<Instance> changed(SqlClient tx, UUID id, String set, Instant now) {
        return tx.preparedQuery("UPDATE instances SET " + set + " updated_at = $2, generation = generation + 1"
                + " WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.of(id, Sql.timestamp(now)))
                .map(InstanceStore::first)
                .call(i -> WorkItems.enqueue(tx, WorkKind.INSTANCE, i.id()));
    }

    /** The current row with its desired spec (user data not decrypted: null). */
    public record Current(UUID id, InstanceSpec spec) {
    }

    /**
     * Locks the live instance for a change of its desired state: 404 if there is none, 409 while it is being deleted,
     * then checks {@code expect} on it as it is under the lock.
     */
    static Uni<Current> lockLive(SqlClient tx, Tenant tenant, String name, Precondition<Instance> expect) {
        return tx.preparedQuery("""
                SELECT id, name, region, vcpus, memory_mib, image, ssh_keys, ssh_key_names, labels, running, instance_type,
                  boot_image, boot_size_gib, delete_requested_at
                FROM instances WHERE tenant_id = $1 AND name = $2 AND deleted_at IS NULL FOR UPDATE""")
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
                            Arrays.asList(r.getArrayOfStrings("ssh_key_names")), null, Sql.stringMap(r, "labels"), r.getString("region"),
                            r.getBoolean("running"), r.getString("instance_type"), boot(r)));
                })
                .call(current -> expect.verify(() -> reread(tx, current.id())));
    }

    private static Instance first(RowSet<Row> rows) {
        return rows.size() == 0 ? null : map(rows.iterator().next());
    }

    static Instance map(Row r) {
        return new Instance(r.getUUID("id"), r.getString("name"), r.getString("instance_type"), r.getInteger("vcpus"), r.getInteger("memory_mib"),
                r.getString("image"), boot(r), Arrays.asList(r.getArrayOfStrings("ssh_keys")),
                Arrays.asList(r.getArrayOfStrings("ssh_key_names")), r.getString("user_data_sha256"),
                Sql.stringMap(r, "labels"), r.getString("region"), RegionDirectory.countryOf(r.getString("region")), networks(r.getJsonArray("networks")), r.getBoolean("running"),
                Arrays.asList(r.getArrayOfStrings("volumes")), r.getString("public_ip"), r.getLong("generation"), status(r),
                Sql.instant(r, "created_at"), Sql.instant(r, "updated_at"));
    }

    private static BootDisk boot(Row r) {
        return r.getString("boot_image") == null ? null : new BootDisk(r.getString("boot_image"), r.getInteger("boot_size_gib"));
    }

    static InstanceStatus status(Row r) {
        return new InstanceStatus(InstancePhase.of(r.getString("phase")), r.getString("status_message"),
                Conditions.fromJson(r.getJsonArray("conditions")), Arrays.asList(r.getArrayOfStrings("ip_addresses")),
                r.getString("node"), r.getLong("observed_generation"));
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
