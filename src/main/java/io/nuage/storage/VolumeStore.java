package io.nuage.storage;

import io.nuage.platform.RegionDirectory;
import io.nuage.db.Transactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.db.ListFilter;
import io.nuage.errors.NuageError;
import io.nuage.errors.Precondition;
import io.nuage.status.Conditions;
import io.nuage.db.Sql;
import io.nuage.sla.Recorded;
import io.nuage.work.WorkItems;
import io.nuage.work.WorkKind;
import io.nuage.tenancy.Tenant;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Volume rows. Creates and growths reserve storage on the tenant row with one conditional
 * UPDATE (as instances do for vCPUs), so concurrent requests cannot overshoot the quota ({@link VolumeQuota});
 * every change of desired state bumps the generation and enqueues a pass in the same transaction.
 */
@ApplicationScoped
public class VolumeStore {

    /** A volume with the instance it is attached to, if any (alias v for volumes, a/i for the attachment). */
    private static final String SELECT = """
            SELECT v.id, v.name, v.region, v.size_gib, v.storage_class, v.source_type, v.source_value, v.source_snapshot_volume,
              v.labels, v.generation, v.phase, v.progress, v.status_message, v.conditions, v.observed_generation,
              v.created_at, v.updated_at, i.name AS attached_to, a.state AS attachment_state, a.hotplug
            FROM volumes v LEFT JOIN volume_attachments a ON a.volume_id = v.id
            LEFT JOIN instances i ON i.id = a.instance_id""";

    private static final String FIND = "%s WHERE v.tenant_id = $1 AND v.name = $2 AND v.deleted_at IS NULL".formatted(SELECT);
    /** A page of the tenant's volumes; the list filter's conditions go where {@code %%s} is. */
    private static final String LIST = """
            %s WHERE v.tenant_id = $1 AND v.deleted_at IS NULL AND v.name > $2%%s
            ORDER BY v.name LIMIT $3""".formatted(SELECT);
    private static final String BY_ID = "%s WHERE v.tenant_id = $1 AND v.id = $2 AND v.deleted_at IS NULL".formatted(SELECT);
    private static final String REREAD = "%s WHERE v.id = $1".formatted(SELECT);

    /**
     * A create in one statement. Steps:
     * reserve - take the storage and one volume on the tenant row, if the tenant is live, the quota allows and the
     *           region is still the tenant's (a tenant deleted, or a region removed, since the request found it takes
     *           nothing: the delete or the PATCH holds the row until it commits, then this step sees what it wrote);
     * ins     - the volume row;
     * work    - its first reconcile pass;
     * wake    - the reconcilers' NOTIFY, sent at commit (woken reads it: PostgreSQL skips a SELECT step nothing reads).
     * When reserve takes nothing, nothing is inserted and the statement returns no row.
     */
    private static final String CREATE = """
            WITH reserve AS (
              UPDATE tenants SET used_storage_gib = used_storage_gib + $4::int, used_volumes = used_volumes + 1
              WHERE id = $2 AND deleted_at IS NULL AND used_storage_gib + $4::int <= quota_storage_gib
                AND used_volumes < quota_volumes AND $11 = ANY(regions) RETURNING id),
            ins AS (
              INSERT INTO volumes (id, tenant_id, name, size_gib, storage_class, source_type, source_value,
                source_snapshot_volume, labels, created_at, updated_at, region)
              SELECT $1, reserve.id, $3, $4::int, $5, $6, $7, $10, $8, $9, $9, $11 FROM reserve
              RETURNING id),
            work AS (
              INSERT INTO work_items (kind, resource_id, not_before) SELECT '%s', id, now() FROM ins),
            wake AS (
              SELECT pg_notify('%s', '') FROM ins)
            SELECT ins.id, (SELECT COUNT(*) FROM wake) AS woken FROM ins""".formatted(WorkKind.VOLUME.key(), WorkItems.CHANNEL);

    /** The live row with its tenant's name and what the ledger last recorded of it. */
    private static final String RECONCILABLE = """
            SELECT v.*, t.name AS tenant_name, %s
            FROM volumes v JOIN tenants t ON t.id = v.tenant_id LEFT JOIN ledger_resources l ON l.resource_id = v.id
            WHERE v.id = $1 AND v.deleted_at IS NULL""".formatted(Recorded.columns("l"));

    /**
     * Second phase of a delete. Steps:
     * gone - the row becomes a tombstone, kept as history;
     * and the tenant's usage gives back its size and count.
     */
    private static final String TOMBSTONE = """
            WITH gone AS (
              UPDATE volumes SET deleted_at = $2, phase = 'deleted'
              WHERE id = $1 AND delete_requested_at IS NOT NULL AND deleted_at IS NULL RETURNING tenant_id, size_gib)
            UPDATE tenants t SET used_storage_gib = used_storage_gib - gone.size_gib, used_volumes = used_volumes - 1
            FROM gone WHERE t.id = gone.tenant_id""";

    private final Transactions db;

    VolumeStore(Transactions db) {
        this.db = db;
    }

    /** Reserves the storage, inserts, enqueues and wakes the reconciler, in one statement: all of it or nothing. */
    public Uni<Volume> create(Tenant tenant, VolumeSpec spec, Instant now) {
        UUID id = UUID.randomUUID();
        return db.client().preparedQuery(CREATE)
                .execute(Tuple.from(new Object[] { id, tenant.id(), spec.name(), spec.sizeGib(), spec.storageClass(),
                        spec.source().type().key(), spec.source().value(), Sql.json(spec.labels()), Sql.timestamp(now),
                        spec.source().volume(), spec.region() }))
                .onFailure(Sql::isUniqueViolation)
                .transform(e -> NuageError.conflict("already_exists", "A volume named '" + spec.name() + "' already exists"))
                .chain(rows -> rows.size() > 0 ? find(tenant.id(), spec.name())
                        : VolumeQuota.createRefused(db.client(), tenant, spec.sizeGib(), spec.region()).map(e -> {
                            throw e;
                        }));
    }

    public Uni<Volume> find(UUID tenantId, String name) {
        return db.client().preparedQuery(FIND)
                .execute(Tuple.of(tenantId, name))
                .map(VolumeStore::first);
    }

    public Uni<Volume> findById(UUID tenantId, UUID id) {
        return db.client().preparedQuery(BY_ID)
                .execute(Tuple.of(tenantId, id))
                .map(VolumeStore::first);
    }

    public Uni<List<Volume>> list(UUID tenantId, String after, int limit, ListFilter filter) {
        List<Object> params = new ArrayList<>(List.of(tenantId, after == null ? "" : after, limit));
        return db.client().preparedQuery(LIST.formatted(filter.sql("v", params)))
                .execute(Tuple.from(params))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(VolumeStore::map).toList());
    }

    /**
     * A change of desired state: {@code change} gets the current spec and returns the new one; growth is checked against
     * the quota. {@code expect} is checked on the volume once its row is locked.
     */
    public Uni<Volume> update(Tenant tenant, String name, Instant now, Precondition<Volume> expect,
            Function<VolumeSpec, VolumeSpec> change) {
        return db.transaction(tx -> lockLive(tx, tenant, name, expect).chain(current -> {
            VolumeSpec next = change.apply(current.spec());
            int growth = next.sizeGib() - current.spec().sizeGib();
            if (growth < 0) {
                throw NuageError.rejected("volume_shrink", "Volume '" + name + "' is " + current.spec().sizeGib()
                        + " GiB: a volume can grow, never shrink", Map.of("size_gib", current.spec().sizeGib()));
            }
            Uni<Void> quota = growth == 0 ? Uni.createFrom().voidItem() : VolumeQuota.grow(tx, db.client(), tenant.id(), growth);
            Uni<RowSet<Row>> updated = quota.chain(() -> tx.preparedQuery("""
                    UPDATE volumes SET size_gib = $2, labels = $3, updated_at = $4, generation = generation + 1
                    WHERE id = $1""")
                    .execute(Tuple.of(current.id(), next.sizeGib(), Sql.json(next.labels()), Sql.timestamp(now))));
            return updated.call(() -> WorkItems.enqueue(tx, WorkKind.VOLUME, current.id()))
                    .chain(() -> reread(tx, current.id()));
        }));
    }

    /** First phase of a delete; refused while an instance uses the volume. Its disk exports end with it. */
    public Uni<Volume> requestDelete(Tenant tenant, String name, Instant now, Precondition<Volume> expect) {
        return db.transaction(tx -> lockLive(tx, tenant, name, expect).chain(current -> tx.preparedQuery(
                "SELECT i.name FROM volume_attachments a JOIN instances i ON i.id = a.instance_id WHERE a.volume_id = $1")
                .execute(Tuple.of(current.id()))
                .chain(attached -> {
                    if (attached.size() > 0) {
                        String instance = attached.iterator().next().getString("name");
                        throw NuageError.conflict("volume_attached", "Volume '" + name + "' is attached to instance '"
                                + instance + "': detach it first", Map.of("attached_to", instance));
                    }
                    return tx.preparedQuery("""
                            UPDATE volumes SET delete_requested_at = $2, phase = 'deleting', updated_at = $2,
                              generation = generation + 1
                            WHERE id = $1""").execute(Tuple.of(current.id(), Sql.timestamp(now)));
                })
                .call(() -> VolumeExportStore.endAll(tx, current.id(), now))
                .call(() -> WorkItems.enqueue(tx, WorkKind.VOLUME, current.id()))
                .chain(() -> reread(tx, current.id()))));
    }

    /** Who a volume is and whose: what every pass and ledger observation names. */
    public record Ref(UUID id, UUID tenantId, String tenant, String name, Instant createdAt) {
    }

    /** What the tenant wants the volume to be. */
    public record Desired(int sizeGib, String storageClass, VolumeSource source) {
    }

    /** Everything a reconcile pass needs about one volume. */
    public record Reconcilable(Ref ref, Desired desired, long generation, boolean deleting, VolumeStatus status,
            Recorded recorded) {
        public UUID id() {
            return ref.id();
        }

        public String name() {
            return ref.name();
        }
    }

    /** The live (not tombstoned) volume, or null. */
    public Uni<Reconcilable> reconcilable(UUID id) {
        return db.client().preparedQuery(RECONCILABLE).execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    Ref ref = new Ref(r.getUUID("id"), r.getUUID("tenant_id"), r.getString("tenant_name"), r.getString("name"),
                            Sql.instant(r, "created_at"));
                    Desired desired = new Desired(r.getInteger("size_gib"), r.getString("storage_class"), source(r));
                    return new Reconcilable(ref, desired, r.getLong("generation"), r.getValue("delete_requested_at") != null,
                            observed(r), Recorded.of(r));
                });
    }

    /** Writes observed status if the desired state is still the generation the pass worked from. */
    public Uni<Boolean> writeStatus(UUID id, long generation, VolumeStatus status) {
        return db.client().preparedQuery("""
                UPDATE volumes SET phase=$3, progress=$4, status_message=$5, conditions=$6, observed_generation=$7
                WHERE id=$1 AND generation=$2 AND deleted_at IS NULL""")
                .execute(Tuple.from(new Object[] { id, generation, status.phase().key(), status.progress(), status.message(),
                        Conditions.toJson(status.conditions()), status.observedGeneration() }))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Second phase of a delete: the DataVolume is gone; the row stays as history and the storage is released. */
    public Uni<Void> tombstone(UUID id, Instant now) {
        return db.client().preparedQuery(TOMBSTONE).execute(Tuple.of(id, Sql.timestamp(now))).replaceWithVoid();
    }

    private record Current(UUID id, VolumeSpec spec) {
    }

    /** Locks the live volume: 404 if there is none, 409 while it is being deleted; then checks {@code expect} on it. */
    private Uni<Current> lockLive(SqlClient tx, Tenant tenant, String name, Precondition<Volume> expect) {
        return tx.preparedQuery("""
                SELECT id, name, size_gib, storage_class, source_type, source_value, source_snapshot_volume, labels,
                  delete_requested_at, region
                FROM volumes WHERE tenant_id = $1 AND name = $2 AND deleted_at IS NULL FOR UPDATE""")
                .execute(Tuple.of(tenant.id(), name))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw NuageError.notFound("volume", name);
                    }
                    Row r = rows.iterator().next();
                    if (r.getValue("delete_requested_at") != null) {
                        throw NuageError.conflict("volume_deleting", "Volume '" + name + "' is being deleted");
                    }
                    return new Current(r.getUUID("id"), new VolumeSpec(r.getString("name"), r.getInteger("size_gib"),
                            r.getString("storage_class"), source(r), Sql.stringMap(r, "labels"), r.getString("region")));
                })
                .call(current -> expect.verify(() -> reread(tx, current.id())));
    }

    private static Uni<Volume> reread(SqlClient tx, UUID id) {
        return tx.preparedQuery(REREAD).execute(Tuple.of(id)).map(VolumeStore::first);
    }

    private static Volume first(RowSet<Row> rows) {
        return rows.size() == 0 ? null : map(rows.iterator().next());
    }

    private static Volume map(Row r) {
        VolumeStatus status = observed(r);
        String instance = r.getString("attached_to");
        if (instance != null) {
            status = status.withAttachment(instance, List.of(AttachmentState.of(r.getString("attachment_state"))
                    .condition(r.getBoolean("hotplug"), instance)));
        }
        return new Volume(r.getUUID("id"), r.getString("name"), r.getString("region"),
                RegionDirectory.countryOf(r.getString("region")), r.getInteger("size_gib"), r.getString("storage_class"),
                source(r), Sql.stringMap(r, "labels"),
                r.getLong("generation"), status, Sql.instant(r, "created_at"), Sql.instant(r, "updated_at"));
    }

    private static VolumeSource source(Row r) {
        return VolumeSource.of(VolumeSource.Type.of(r.getString("source_type")), r.getString("source_value"),
                r.getString("source_snapshot_volume"));
    }

    private static VolumeStatus observed(Row r) {
        Object progress = r.getValue("progress");
        return new VolumeStatus(VolumePhase.of(r.getString("phase")), progress == null ? null : ((Number) progress).doubleValue(),
                r.getString("status_message"), null, Conditions.fromJson(r.getJsonArray("conditions")),
                r.getLong("observed_generation"));
    }
}
