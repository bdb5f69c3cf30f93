package io.nuage.storage;

import io.nuage.platform.RegionDirectory;
import io.nuage.db.Transactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.db.ListFilter;
import io.nuage.errors.NuageError;
import io.nuage.errors.Precondition;
import io.nuage.status.Conditions;
import io.nuage.db.Sql;
import io.nuage.work.WorkItems;
import io.nuage.work.WorkKind;
import io.nuage.tenancy.Tenant;
import io.nuage.tenancy.TenantCounts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Snapshot rows. A restore is asked for by counting it (like an instance restart); the reconciler carries it out. */
@ApplicationScoped
public class SnapshotStore {

    /** A snapshot with its instance and tenant (alias s for snapshots, i and t for those). */
    private static final String SELECT = """
            SELECT s.*, i.name AS instance_name, i.region AS instance_region, i.running AS instance_running,
              i.deleted_at IS NOT NULL OR i.delete_requested_at IS NOT NULL AS instance_gone, t.name AS tenant_name
            FROM snapshots s JOIN instances i ON i.id = s.instance_id JOIN tenants t ON t.id = s.tenant_id""";

    private static final String FIND = "%s WHERE s.tenant_id = $1 AND s.name = $2 AND s.deleted_at IS NULL".formatted(SELECT);
    /** A page of the tenant's snapshots; the list filter's conditions go where {@code %%s} is. */
    private static final String LIST = """
            %s WHERE s.tenant_id = $1 AND s.deleted_at IS NULL AND s.name > $2%%s ORDER BY s.name LIMIT $3""".formatted(SELECT);
    private static final String BY_ID = "%s WHERE s.tenant_id = $1 AND s.id = $2 AND s.deleted_at IS NULL".formatted(SELECT);
    private static final String REREAD = "%s WHERE s.id = $1".formatted(SELECT);
    private static final String LOCK_LIVE = """
            %s WHERE s.tenant_id = $1 AND s.name = $2 AND s.deleted_at IS NULL FOR UPDATE OF s""".formatted(SELECT);
    private static final String RECONCILABLE = "%s WHERE s.id = $1 AND s.deleted_at IS NULL".formatted(SELECT);

    /** The tenant's volumes and images still being made from the snapshot $2: it must stay until they are ready. */
    private static final String FILLING = """
            SELECT ARRAY(SELECT name FROM volumes WHERE tenant_id = $1 AND source_type = 'snapshot' AND source_value = $2
                AND deleted_at IS NULL AND phase <> 'ready' ORDER BY name) AS volumes,
              ARRAY(SELECT name FROM images WHERE tenant_id = $1 AND source_type = 'snapshot' AND source_value = $2
                AND deleted_at IS NULL AND phase <> 'ready' ORDER BY name) AS images""";

    private final Transactions db;

    SnapshotStore(Transactions db) {
        this.db = db;
    }

    /** Snapshots a live instance, taking one of the tenant's snapshots quota; 422 when the body names none. */
    public Uni<Snapshot> create(Tenant tenant, String name, String instance, Map<String, String> labels, Instant now) {
        UUID id = UUID.randomUUID();
        return db.transaction(tx -> tx.preparedQuery("""
                SELECT id, delete_requested_at FROM instances
                WHERE tenant_id = $1 AND name = $2 AND deleted_at IS NULL FOR SHARE""")
                .execute(Tuple.of(tenant.id(), instance))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        throw NuageError.rejected("instance_not_found", "Instance '" + instance + "' does not exist",
                                Map.of("instance", instance));
                    }
                    Row r = rows.iterator().next();
                    if (r.getValue("delete_requested_at") != null) {
                        throw NuageError.conflict("instance_deleting", "Instance '" + instance + "' is being deleted");
                    }
                    return TenantCounts.SNAPSHOTS.take(tx, tenant).chain(() -> tx.preparedQuery("""
                            INSERT INTO snapshots (id, tenant_id, name, instance_id, labels, created_at, updated_at)
                            VALUES ($1, $2, $3, $4, $5, $6, $6)""")
                            .execute(Tuple.of(id, tenant.id(), name, r.getUUID("id"), Sql.json(labels), Sql.timestamp(now))));
                })
                .onFailure(Sql::isUniqueViolation)
                .transform(e -> NuageError.conflict("already_exists", "A snapshot named '" + name + "' already exists"))
                .call(() -> WorkItems.enqueue(tx, WorkKind.SNAPSHOT, id))
                .chain(() -> reread(tx, id)));
    }

    public Uni<Snapshot> find(UUID tenantId, String name) {
        return db.client().preparedQuery(FIND)
                .execute(Tuple.of(tenantId, name)).map(SnapshotStore::first);
    }

    public Uni<Snapshot> findById(UUID tenantId, UUID id) {
        return db.client().preparedQuery(BY_ID)
                .execute(Tuple.of(tenantId, id)).map(SnapshotStore::first);
    }

    public Uni<List<Snapshot>> list(UUID tenantId, String after, int limit, ListFilter filter) {
        List<Object> params = new ArrayList<>(List.of(tenantId, after == null ? "" : after, limit));
        return db.client().preparedQuery(LIST.formatted(filter.sql("s", params)))
                .execute(Tuple.from(params))
                .map(rows -> {
                    List<Snapshot> list = new ArrayList<>();
                    rows.forEach(r -> list.add(map(r)));
                    return list;
                });
    }

    /**
     * Restores a ready snapshot onto its stopped instance, whose volumes must still be the ones
     * the snapshot holds: an in-place restore overwrites them by name. The instance row is locked
     * (shared), so a start cannot slip in; a start waits for the restore to complete. {@code expect} is checked on
     * the snapshot once its row is locked.
     */
    public Uni<Snapshot> requestRestore(Tenant tenant, String name, Instant now, Precondition<Snapshot> expect) {
        return db.transaction(tx -> lockLive(tx, tenant, name, expect).chain(s -> {
            String instance = s.getString("instance_name");
            if (s.getInteger("restores_requested") > s.getInteger("restores_done")) {
                throw NuageError.conflict("restore_in_progress", "Snapshot '" + name + "' is being restored");
            }
            SnapshotPhase phase = SnapshotPhase.of(s.getString("phase"));
            if (phase != SnapshotPhase.READY) {
                throw NuageError.conflict("snapshot_not_ready", "Snapshot '" + name + "' is " + phase.key()
                        + ": only a ready snapshot can be restored", Map.of("phase", phase.key()));
            }
            return tx.preparedQuery("""
                    SELECT i.running, i.deleted_at IS NOT NULL OR i.delete_requested_at IS NOT NULL AS gone,
                      ARRAY(SELECT v.name FROM volume_attachments a JOIN volumes v ON v.id = a.volume_id
                        WHERE a.instance_id = i.id AND a.detach_requested_at IS NULL) AS volumes
                    FROM instances i WHERE i.id = $1 FOR SHARE OF i""")
                    .execute(Tuple.of(s.getUUID("instance_id")))
                    .chain(rows -> {
                        Row i = rows.iterator().next();
                        if (i.getBoolean("gone")) {
                            throw NuageError.conflict("instance_deleted", "Instance '" + instance + "' no longer exists");
                        }
                        if (i.getBoolean("running")) {
                            throw NuageError.conflict("instance_running", "Instance '" + instance
                                    + "' is running: stop it before restoring", Map.of("instance", instance));
                        }
                        List<String> missing = new ArrayList<>(Arrays.asList(s.getArrayOfStrings("volumes")));
                        missing.removeAll(Arrays.asList(i.getArrayOfStrings("volumes")));
                        if (!missing.isEmpty()) {
                            throw NuageError.conflict("snapshot_volumes_changed", "Instance '" + instance
                                    + "' no longer has the volumes " + missing + " the snapshot holds: a restore would"
                                    + " overwrite volumes by name", Map.of("volumes", missing));
                        }
                        UUID id = s.getUUID("id");
                        return tx.preparedQuery("""
                                UPDATE snapshots SET restores_requested = restores_requested + 1,
                                  restore_phase = 'in_progress', generation = generation + 1, updated_at = $2
                                WHERE id = $1""")
                                .execute(Tuple.of(id, Sql.timestamp(now)))
                                .call(() -> WorkItems.enqueue(tx, WorkKind.SNAPSHOT, id))
                                .chain(() -> reread(tx, id));
                    });
        }));
    }

    /** Whether a restore of one of the instance's snapshots is still running: the instance must stay stopped. */
    public static Uni<Boolean> restoring(SqlClient tx, UUID instanceId) {
        return tx.preparedQuery("""
                SELECT 1 FROM snapshots
                WHERE instance_id = $1 AND deleted_at IS NULL AND restores_requested > restores_done""")
                .execute(Tuple.of(instanceId)).map(rows -> rows.size() > 0);
    }

    /** Refused while it is being restored, or while a volume is still being made from it. */
    public Uni<Snapshot> requestDelete(Tenant tenant, String name, Instant now, Precondition<Snapshot> expect) {
        return db.transaction(tx -> lockLive(tx, tenant, name, expect).chain(s -> {
            if (s.getInteger("restores_requested") > s.getInteger("restores_done")) {
                throw NuageError.conflict("restore_in_progress", "Snapshot '" + name + "' is being restored");
            }
            return tx.preparedQuery(FILLING)
                    .execute(Tuple.of(tenant.id(), name))
                    .chain(rows -> {
                        Row r = rows.iterator().next();
                        List<String> volumes = names(r.getArrayOfStrings("volumes"));
                        List<String> images = names(r.getArrayOfStrings("images"));
                        if (!volumes.isEmpty() || !images.isEmpty()) {
                            throw NuageError.conflict("snapshot_in_use", "Volumes " + volumes + " and images " + images
                                    + " are still being made from snapshot '" + name + "'", Map.of("volumes", volumes, "images", images));
                        }
                        return tx.preparedQuery("""
                                UPDATE snapshots SET delete_requested_at = $2, phase = 'deleting',
                                  updated_at = $2, generation = generation + 1
                                WHERE id = $1""")
                                .execute(Tuple.of(s.getUUID("id"), Sql.timestamp(now)));
                    })
                    .call(() -> WorkItems.enqueue(tx, WorkKind.SNAPSHOT, s.getUUID("id")))
                    .chain(() -> reread(tx, s.getUUID("id")));
        }));
    }

    /** Everything a pass needs about one snapshot. */
    public record Reconcilable(UUID id, String tenant, String name, String instance, boolean instanceGone, long generation,
            int restoresRequested, int restoresDone, boolean deleting, Snapshot.Status status) {
        /** The same row once a pass has seen the last restore asked for come to {@code restore}, {@code done} of them over. */
        public Reconcilable withRestore(Snapshot.Restore restore, int done) {
            return new Reconcilable(id, tenant, name, instance, instanceGone, generation, restoresRequested, done, deleting,
                    status.withRestore(restore));
        }
    }

    public Uni<Reconcilable> reconcilable(UUID id) {
        return db.client().preparedQuery(RECONCILABLE).execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Reconcilable(r.getUUID("id"), r.getString("tenant_name"), r.getString("name"),
                            r.getString("instance_name"), r.getBoolean("instance_gone"), r.getLong("generation"),
                            r.getInteger("restores_requested"), r.getInteger("restores_done"),
                            r.getValue("delete_requested_at") != null, status(r));
                });
    }

    /** Writes observed status if the desired state is still the generation the pass worked from. */
    public Uni<Boolean> writeStatus(UUID id, long generation, Snapshot.Status status, int restoresDone) {
        Snapshot.Restore restore = status.restore();
        return db.client().preparedQuery("""
                UPDATE snapshots SET phase=$3, status_message=$4, volumes=$5, conditions=$6,
                  restore_phase=$7, restored_at=$8, restores_done=$9, observed_generation=$10
                WHERE id=$1 AND generation=$2 AND deleted_at IS NULL""")
                .execute(Tuple.from(new Object[] { id, generation, status.phase().key(), status.message(),
                        status.volumes().toArray(String[]::new), Conditions.toJson(status.conditions()),
                        restore == null ? null : restore.phase().key(),
                        restore == null || restore.restoredAt() == null ? null : Sql.timestamp(restore.restoredAt()),
                        restoresDone, status.observedGeneration() }))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Second phase of a delete: the row stays as history, and its count goes back to the tenant. */
    public Uni<Void> tombstone(UUID id, Instant now) {
        return db.client().preparedQuery("""
                WITH gone AS (
                  UPDATE snapshots SET deleted_at = $2, phase = 'deleted'
                  WHERE id = $1 AND delete_requested_at IS NOT NULL AND deleted_at IS NULL RETURNING tenant_id)
                UPDATE tenants t SET used_snapshots = used_snapshots - 1 FROM gone WHERE t.id = gone.tenant_id""")
                .execute(Tuple.of(id, Sql.timestamp(now))).replaceWithVoid();
    }

    /** Locks the live snapshot: 404 if there is none, 409 while it is being deleted; then checks {@code expect} on it. */
    private static Uni<Row> lockLive(SqlClient tx, Tenant tenant, String name, Precondition<Snapshot> expect) {
        return tx.preparedQuery(LOCK_LIVE)
                .execute(Tuple.of(tenant.id(), name))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw NuageError.notFound("snapshot", name);
                    }
                    Row r = rows.iterator().next();
                    if (r.getValue("delete_requested_at") != null) {
                        throw NuageError.conflict("snapshot_deleting", "Snapshot '" + name + "' is being deleted");
                    }
                    expect.check(map(r));
                    return r;
                });
    }

    private static List<String> names(String[] names) {
        return names == null ? List.of() : List.of(names);
    }

    private static Uni<Snapshot> reread(SqlClient tx, UUID id) {
        return tx.preparedQuery(REREAD).execute(Tuple.of(id)).map(SnapshotStore::first);
    }

    private static Snapshot first(RowSet<Row> rows) {
        return rows.size() == 0 ? null : map(rows.iterator().next());
    }

    private static Snapshot map(Row r) {
        return new Snapshot(r.getUUID("id"), r.getString("name"), r.getString("instance_name"), r.getString("instance_region"),
                RegionDirectory.countryOf(r.getString("instance_region")), Sql.stringMap(r, "labels"),
                r.getLong("generation"), status(r), Sql.instant(r, "created_at"), Sql.instant(r, "updated_at"));
    }

    private static Snapshot.Status status(Row r) {
        String restorePhase = r.getString("restore_phase");
        return new Snapshot.Status(SnapshotPhase.of(r.getString("phase")), r.getString("status_message"),
                Arrays.asList(r.getArrayOfStrings("volumes")),
                restorePhase == null ? null : new Snapshot.Restore(RestorePhase.of(restorePhase), Sql.instant(r, "restored_at")),
                Conditions.fromJson(r.getJsonArray("conditions")), r.getLong("observed_generation"));
    }
}
