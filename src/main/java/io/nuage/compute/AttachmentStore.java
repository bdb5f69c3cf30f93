package io.nuage.compute;

import io.nuage.db.Transactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.db.Sql;
import io.nuage.errors.NuageError;
import io.nuage.errors.Precondition;
import io.nuage.storage.AttachmentState;
import io.nuage.storage.AttachableVolume;
import io.nuage.tenancy.Tenant;
import io.nuage.work.WorkItems;
import io.nuage.work.WorkKind;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Volumes attached to instances: part of an instance's desired state. An attach or detach bumps the
 * instance's generation and enqueues its pass, in the same transaction; the instance's reconciler
 * records what the guest really has (the attachment state).
 */
@ApplicationScoped
public class AttachmentStore {

    /** Disks a guest may have besides its root and cloud-init disks. */
    public static final int MAX_PER_INSTANCE = 16;

    private final Transactions db;

    AttachmentStore(Transactions db) {
        this.db = db;
    }

    /** One attachment as the instance's reconciler sees it. */
    public record Attached(UUID volumeId, String volumeName, boolean hotplug, AttachmentState state, boolean detaching) {
    }

    /**
     * Locks and checks the volumes an instance being created asks for, before anything else of the create
     * (volume rows first, then the tenant row: the order a growth takes too, so the two never deadlock).
     * Returns their ids, in order, for {@link #insertAtCreate}.
     */
    Uni<List<UUID>> lockForCreate(SqlClient tx, Tenant tenant, List<String> volumes) {
        if (volumes.size() > MAX_PER_INSTANCE) {
            throw tooMany(volumes.size());
        }
        List<UUID> ids = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String volume : volumes) {
            chain = chain.chain(() -> lockVolume(tx, tenant, volume, null)).invoke(v -> ids.add(v.id())).replaceWithVoid();
        }
        return chain.map(x -> ids);
    }

    /** Attaches the volumes {@link #lockForCreate} locked to the new instance, in the same transaction. */
    Uni<Void> insertAtCreate(SqlClient tx, UUID instanceId, List<UUID> volumeIds, Instant now) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (UUID volumeId : volumeIds) {
            chain = chain.chain(() -> insert(tx, volumeId, instanceId, false, now));
        }
        return chain;
    }

    /**
     * Attaches a volume to a live instance: hot-plugged if the instance is running, else at its
     * next start. Attaching a volume the instance already has changes nothing. {@code expect} is checked on the
     * instance once its row is locked.
     */
    public Uni<Void> attach(Tenant tenant, String instance, String volume, Instant now, Precondition<Instance> expect) {
        return db.transaction(tx -> InstanceStore.lockLive(tx, tenant, instance, expect)
                .call(i -> SameRegion.require(tx, tenant.id(), instance, i.spec().region(), List.of(volume), List.of()))
                .chain(i -> lockVolume(tx, tenant, volume, i.id())
                .chain(v -> {
                    if (v.attachedInstance() != null) {
                        // Already this instance's: undo a pending detach, else nothing to do.
                        return tx.preparedQuery("""
                                UPDATE volume_attachments SET detach_requested_at = NULL,
                                  state = CASE WHEN state = 'detaching' THEN 'attached' ELSE state END
                                WHERE volume_id = $1 AND detach_requested_at IS NOT NULL RETURNING volume_id""")
                                .execute(Tuple.of(v.id()))
                                .chain(rows -> rows.rowCount() > 0 ? changed(tx, i.id(), now) : Uni.createFrom().voidItem());
                    }
                    return count(tx, i.id()).chain(n -> {
                        if (n >= MAX_PER_INSTANCE) {
                            throw tooMany(n + 1);
                        }
                        return insert(tx, v.id(), i.id(), i.spec().running(), now).chain(() -> changed(tx, i.id(), now));
                    });
                })));
    }

    /** Asks for a volume to come off an instance; the row goes once the guest no longer has it. */
    public Uni<Void> detach(Tenant tenant, String instance, String volume, Instant now, Precondition<Instance> expect) {
        return db.transaction(tx -> InstanceStore.lockLive(tx, tenant, instance, expect).chain(i -> tx.preparedQuery("""
                UPDATE volume_attachments a SET detach_requested_at = COALESCE(a.detach_requested_at, $3), state = 'detaching'
                FROM volumes v
                WHERE v.id = a.volume_id AND a.instance_id = $1 AND v.name = $2 AND v.deleted_at IS NULL
                RETURNING a.volume_id""")
                .execute(Tuple.of(i.id(), volume, Sql.timestamp(now)))
                .chain(rows -> {
                    if (rows.rowCount() == 0) {
                        throw NuageError.notFoundDetail("Volume '" + volume + "' is not attached to instance '" + instance + "'");
                    }
                    return changed(tx, i.id(), now);
                })));
    }

    /**
     * A column {@code attachments} of the instance row aliased {@code i}: its attachments in attach
     * order, as JSON, so a reconcile pass reads them with the instance in one query.
     */
    static final String ATTACHMENTS_OF_I = """
            (SELECT COALESCE(json_agg(json_build_object('volume_id', a.volume_id, 'name', v.name, 'hotplug', a.hotplug,
                      'state', a.state, 'detaching', a.detach_requested_at IS NOT NULL) ORDER BY a.attached_at, v.name), '[]')
             FROM volume_attachments a JOIN volumes v ON v.id = a.volume_id WHERE a.instance_id = i.id) AS attachments""";

    /** The attachments column read by {@link #ATTACHMENTS_OF_I}. */
    static List<Attached> attachments(JsonArray json) {
        List<Attached> list = new ArrayList<>();
        for (int k = 0; json != null && k < json.size(); k++) {
            JsonObject a = json.getJsonObject(k);
            list.add(new Attached(UUID.fromString(a.getString("volume_id")), a.getString("name"), a.getBoolean("hotplug"),
                    AttachmentState.of(a.getString("state")), a.getBoolean("detaching")));
        }
        return list;
    }

    /** Records what the guest has; a finished detach removes the row. Only rows of this instance are touched. */
    public Uni<Void> observed(UUID instanceId, Map<UUID, AttachmentState> states, List<UUID> detached) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<UUID, AttachmentState> e : states.entrySet()) {
            chain = chain.chain(() -> db.client().preparedQuery("""
                    UPDATE volume_attachments SET state = $3
                    WHERE volume_id = $1 AND instance_id = $2 AND detach_requested_at IS NULL""")
                    .execute(Tuple.of(e.getKey(), instanceId, e.getValue().key())).replaceWithVoid());
        }
        if (!detached.isEmpty()) {
            chain = chain.chain(() -> db.client().preparedQuery("""
                    DELETE FROM volume_attachments
                    WHERE volume_id = ANY($1) AND instance_id = $2 AND detach_requested_at IS NOT NULL""")
                    .execute(Tuple.of(detached.toArray(UUID[]::new), instanceId)).replaceWithVoid());
        }
        return chain;
    }

    /** A locked volume, and the instance it is attached to, if any. */
    private record LockedVolume(UUID id, UUID attachedInstance) {
    }

    /**
     * Locks the volume (storage checks it can be attached) and checks it can go to {@code instanceId}
     * (null for an instance being created): it is not another instance's. The attachment is read after
     * the lock is held, so a concurrent attach that committed meanwhile is seen.
     */
    private static Uni<LockedVolume> lockVolume(SqlClient tx, Tenant tenant, String volume, UUID instanceId) {
        return AttachableVolume.lock(tx, tenant, volume).chain(id -> tx.preparedQuery("""
                SELECT a.instance_id, i.name FROM volume_attachments a
                JOIN instances i ON i.id = a.instance_id WHERE a.volume_id = $1""")
                .execute(Tuple.of(id))
                .map(attached -> {
                    if (attached.size() == 0) {
                        return new LockedVolume(id, null);
                    }
                    Row a = attached.iterator().next();
                    if (!a.getUUID("instance_id").equals(instanceId)) {
                        Map<String, Object> facts = new LinkedHashMap<>();
                        facts.put("volume", volume);
                        facts.put("attached_to", a.getString("name"));
                        throw NuageError.conflict("volume_attached", "Volume '" + volume
                                + "' is attached to instance '" + a.getString("name") + "'", facts);
                    }
                    return new LockedVolume(id, instanceId);
                }));
    }

    private static Uni<Void> insert(SqlClient tx, UUID volumeId, UUID instanceId, boolean hotplug, Instant now) {
        return tx.preparedQuery("INSERT INTO volume_attachments (volume_id, instance_id, hotplug, attached_at) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(volumeId, instanceId, hotplug, Sql.timestamp(now))).replaceWithVoid();
    }

    private static Uni<Long> count(SqlClient tx, UUID instanceId) {
        return tx.preparedQuery("SELECT COUNT(*) AS n FROM volume_attachments WHERE instance_id = $1")
                .execute(Tuple.of(instanceId)).map(rows -> rows.iterator().next().getLong("n"));
    }

    /** The instance's desired state changed: new generation, and a pass. */
    private static Uni<Void> changed(SqlClient tx, UUID instanceId, Instant now) {
        return tx.preparedQuery("UPDATE instances SET generation = generation + 1, updated_at = $2 WHERE id = $1")
                .execute(Tuple.of(instanceId, Sql.timestamp(now)))
                .chain(() -> WorkItems.enqueue(tx, WorkKind.INSTANCE, instanceId));
    }

    private static NuageError tooMany(long n) {
        return NuageError.rejected("too_many_volumes", "An instance has at most " + MAX_PER_INSTANCE
                + " volumes; this would make " + n, Map.of("max", MAX_PER_INSTANCE));
    }
}
