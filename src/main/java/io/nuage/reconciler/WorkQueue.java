package io.nuage.reconciler;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The reconciler's work items in PostgreSQL. Enqueue is an idempotent upsert plus a NOTIFY;
 * claiming leases due rows with FOR UPDATE SKIP LOCKED so any number of replicas share them;
 * a lease that is not completed in time (its holder died) simply expires.
 */
@ApplicationScoped
public class WorkQueue {

    public static final String CHANNEL = "nuage_work";
    public static final String TENANT = "tenant";
    public static final String INSTANCE = "instance";
    public static final String VOLUME = "volume";
    public static final String NETWORK = "network";
    public static final String SNAPSHOT = "snapshot";

    public record Item(String kind, UUID resourceId, int attempts) {
    }

    private final Pool pool;

    WorkQueue(Pool pool) {
        this.pool = pool;
    }

    /**
     * Upserts the items and NOTIFYs, in one statement: one round trip. A due item stays due; a leased
     * one is marked dirty so that its pass runs again. PostgreSQL runs a data-modifying WITH to the
     * end whether or not the query reads it; the NOTIFY is delivered when the transaction commits.
     */
    private static final String ENQUEUE = "WITH queued AS (INSERT INTO work_items (kind, resource_id, not_before)"
            + " SELECT $1, id, now() FROM unnest($2::uuid[]) AS id"
            + " ON CONFLICT (kind, resource_id) DO UPDATE SET not_before = LEAST(work_items.not_before, now()),"
            + " attempts = 0, dirty = work_items.leased_by IS NOT NULL)"
            + " SELECT pg_notify('" + CHANNEL + "', '')";

    /** Enqueues within the caller's transaction; workers are woken when it commits. */
    public static Uni<Void> enqueue(SqlClient tx, String kind, UUID id) {
        return enqueue(tx, kind, List.of(id));
    }

    /** Enqueues many items within the caller's transaction; workers are woken when it commits. */
    public static Uni<Void> enqueue(SqlClient tx, String kind, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(ENQUEUE).execute(Tuple.of(kind, ids.toArray(UUID[]::new))).replaceWithVoid();
    }

    /** Enqueues many items at once (watch events arrive in bursts) and wakes the workers: one statement, its own transaction. */
    public Uni<Void> enqueueAll(String kind, List<UUID> ids) {
        return enqueue(pool, kind, ids);
    }

    /** Enqueues every live resource of a kind, those of its {@code table} not tombstoned: the periodic full resync. */
    public Uni<Integer> enqueueAll(String kind, String table) {
        return pool.query("INSERT INTO work_items (kind, resource_id, not_before) SELECT '" + kind + "', id, now() FROM "
                + table + " WHERE deleted_at IS NULL ON CONFLICT (kind, resource_id) DO NOTHING")
                .execute().map(rows -> rows.rowCount());
    }

    /** Which of {@code ids} are live rows of {@code table}; objects of the others are orphans. */
    public Uni<java.util.Set<UUID>> live(String table, List<UUID> ids) {
        return pool.preparedQuery("SELECT id FROM " + table + " WHERE id = ANY($1) AND deleted_at IS NULL")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    java.util.Set<UUID> live = new java.util.HashSet<>();
                    rows.forEach(r -> live.add(r.getUUID("id")));
                    return live;
                });
    }

    /** Leases up to {@code max} due items of the given kinds (those this replica reconciles) for {@code leaseSeconds}. */
    public Uni<List<Item>> claim(String worker, int max, int leaseSeconds, List<String> kinds) {
        return pool.preparedQuery("UPDATE work_items w SET leased_by = $1,"
                + " leased_until = now() + make_interval(secs => $3), dirty = false"
                + " FROM (SELECT kind, resource_id FROM work_items WHERE not_before <= now() AND kind = ANY($4)"
                + " AND (leased_until IS NULL OR leased_until < now()) ORDER BY not_before LIMIT $2"
                + " FOR UPDATE SKIP LOCKED) due"
                + " WHERE w.kind = due.kind AND w.resource_id = due.resource_id"
                + " RETURNING w.kind, w.resource_id, w.attempts")
                .execute(Tuple.of(worker, max, leaseSeconds, kinds.toArray(String[]::new)))
                .map(rows -> {
                    List<Item> items = new ArrayList<>();
                    rows.forEach(r -> items.add(new Item(r.getString("kind"), r.getUUID("resource_id"), r.getInteger("attempts"))));
                    return items;
                });
    }

    /** The pass converged: drop the item, unless it was enqueued again meanwhile. */
    public Uni<Void> done(Item item, String worker) {
        return pool.preparedQuery("DELETE FROM work_items WHERE kind = $1 AND resource_id = $2 AND leased_by = $3 AND NOT dirty")
                .execute(Tuple.of(item.kind(), item.resourceId(), worker))
                .chain(rows -> rows.rowCount() > 0 ? Uni.createFrom().voidItem() : release(item, worker, 0, 0));
    }

    /** Try again after {@code delayMillis}, counting a failed attempt when {@code failed}. */
    public Uni<Void> retry(Item item, String worker, long delayMillis, boolean failed) {
        return release(item, worker, delayMillis, failed ? 1 : 0);
    }

    private Uni<Void> release(Item item, String worker, long delayMillis, int addAttempts) {
        return pool.preparedQuery("UPDATE work_items SET leased_by = NULL, leased_until = NULL,"
                + " attempts = CASE WHEN dirty THEN 0 ELSE attempts + $4 END,"
                + " not_before = CASE WHEN dirty THEN now() ELSE now() + make_interval(secs => $5) END, dirty = false"
                + " WHERE kind = $1 AND resource_id = $2 AND leased_by = $3")
                .execute(Tuple.of(item.kind(), item.resourceId(), worker, addAttempts, delayMillis / 1000.0))
                .replaceWithVoid();
    }
}
