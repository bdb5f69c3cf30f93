package io.nuage.reconciler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
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

    private static final Logger LOG = Logger.getLogger(WorkQueue.class);
    /** Creates that commit within this long of each other share one NOTIFY. */
    static final long WAKE_COALESCE_MILLIS = 5;

    private final Pool pool;
    private final Vertx vertx;
    /** A NOTIFY is scheduled and not yet sent: the creates committed until it is sent are covered by it. */
    private final AtomicBoolean notifyScheduled = new AtomicBoolean();
    /** The dispatchers running in this JVM (one per replica; tests run a second). */
    private final List<Runnable> localDispatchers = new java.util.concurrent.CopyOnWriteArrayList<>();

    WorkQueue(Pool pool, Vertx vertx) {
        this.pool = pool;
        this.vertx = vertx;
    }

    /** A dispatcher of this JVM, woken at once by {@link #committed()} until it is removed. */
    void addLocalDispatcher(Runnable wake) {
        localDispatchers.add(wake);
    }

    void removeLocalDispatcher(Runnable wake) {
        localDispatchers.remove(wake);
    }

    /**
     * Wakes the reconcilers after a commit that enqueued work without a NOTIFY of its own: instance creates, which come in bursts
     * of hundreds a second. A NOTIFY in each create's transaction cost more than the create: PostgreSQL serialises
     * the commits of notifying transactions on one lock and signals every listener, and the API's create rate with
     * 8 clients was a third of what it is without. So this replica's dispatcher is woken directly, and the others by
     * one NOTIFY per burst: it is sent {@link #WAKE_COALESCE_MILLIS} after the first commit not yet covered, and the flag
     * is cleared before it is sent, so every commit before the clearing is covered and every later one schedules
     * another. Dispatchers linger 10 ms after a wake before they claim, so the wait is not felt.
     */
    public void committed() {
        localDispatchers.forEach(Runnable::run);
        if (notifyScheduled.compareAndSet(false, true)) {
            vertx.setTimer(WAKE_COALESCE_MILLIS, id -> {
                notifyScheduled.set(false);
                pool.query("SELECT pg_notify('" + CHANNEL + "', '')").execute().subscribe().with(rows -> {
                }, e -> LOG.debugf("NOTIFY failed (the dispatchers' poll will find the work): %s", e.getMessage()));
            });
        }
    }

    /**
     * Upserts the items and NOTIFYs, in one statement: one round trip. A due item stays due; a leased
     * one is marked dirty so that its pass runs again. Rows are locked in (kind, id) order, as
     * {@link #complete} locks them: two batches on the same items cannot deadlock. PostgreSQL runs
     * a data-modifying WITH to the end whether or not the query reads it; the NOTIFY is delivered
     * when the transaction commits.
     */
    private static final String ENQUEUE = "WITH queued AS (INSERT INTO work_items (kind, resource_id, not_before)"
            + " SELECT $1, id, now() FROM unnest($2::uuid[]) AS id ORDER BY id"
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

    /**
     * Leases up to {@code max} due items of the given kinds (those this replica reconciles) for {@code leaseSeconds}.
     * The limit and the kinds are written into the statement, one text per limit: with them as parameters PostgreSQL
     * planned the claim again on every call (a custom plan beats its generic one, a hash join), which cost three times
     * what running it did. What remains as parameters does not change the plan, so one generic plan is kept.
     * Locked rows are updated by {@code ctid}: a TID scan, whatever the table's size.
     */
    public Uni<List<Item>> claim(String worker, int max, int leaseSeconds, List<String> kinds) {
        String kindList = kinds.stream().map(k -> {
            if (!k.matches("[a-z_]+")) {
                throw new IllegalArgumentException("not a work item kind: " + k);
            }
            return "'" + k + "'";
        }).collect(java.util.stream.Collectors.joining(","));
        return pool.preparedQuery("UPDATE work_items SET leased_by = $1, leased_until = now() + make_interval(secs => $2),"
                + " dirty = false WHERE ctid = ANY(ARRAY(SELECT ctid FROM work_items WHERE not_before <= now()"
                + " AND kind IN (" + kindList + ") AND (leased_until IS NULL OR leased_until < now())"
                + " ORDER BY not_before LIMIT " + Math.max(1, max) + " FOR UPDATE SKIP LOCKED))"
                + " RETURNING kind, resource_id, attempts")
                .execute(Tuple.of(worker, leaseSeconds))
                .map(rows -> {
                    List<Item> items = new ArrayList<>();
                    rows.forEach(r -> items.add(new Item(r.getString("kind"), r.getUUID("resource_id"), r.getInteger("attempts"))));
                    return items;
                });
    }

    /** PostgreSQL orders UUIDs as unsigned bytes, as their text sorts; {@link UUID#compareTo} compares signed longs. */
    private static final Comparator<Completion> LOCK_ORDER = Comparator
            .comparing((Completion c) -> c.item().kind()).thenComparing(c -> c.item().resourceId().toString());

    /** What became of a claimed item: dropped when done, else released after {@code delayMillis}. */
    public record Completion(Item item, boolean done, long delayMillis, boolean failed) {
    }

    /**
     * Ends the passes of claimed items in two round trips at most: an item done is dropped, unless it was enqueued
     * again during its pass (dirty); every other one is released, due after its delay or at once when dirty. True when
     * some item is due again. Each is a batch of one-row statements, run in (kind, id) order, the order in which
     * {@link #ENQUEUE} locks rows: a batch of watch events enqueued meanwhile cannot deadlock with it.
     */
    public Uni<Boolean> complete(List<Completion> completions, String worker) {
        List<Completion> sorted = completions.stream().sorted(LOCK_ORDER).toList();
        List<Completion> done = sorted.stream().filter(Completion::done).toList();
        Uni<List<Completion>> undropped = done.isEmpty() ? Uni.createFrom().item(List.of())
                : pool.preparedQuery("DELETE FROM work_items WHERE kind = $1 AND resource_id = $2 AND leased_by = $3 AND NOT dirty")
                        .executeBatch(done.stream().map(c -> Tuple.of(c.item().kind(), c.item().resourceId(), worker)).toList())
                        .map(rows -> {
                            List<Completion> kept = new ArrayList<>();
                            RowSet<Row> result = rows;
                            for (Completion c : done) {
                                if (result.rowCount() == 0) {
                                    kept.add(c); // enqueued again during its pass
                                }
                                result = result.next();
                            }
                            return kept;
                        });
        return undropped.chain(kept -> {
            List<Completion> release = new ArrayList<>(kept);
            sorted.stream().filter(c -> !c.done()).forEach(release::add);
            release.sort(LOCK_ORDER);
            return release(release, worker);
        });
    }

    private Uni<Boolean> release(List<Completion> completions, String worker) {
        if (completions.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return pool.preparedQuery("UPDATE work_items SET leased_by = NULL, leased_until = NULL,"
                + " attempts = CASE WHEN dirty THEN 0 ELSE attempts + $4 END,"
                + " not_before = CASE WHEN dirty THEN now() ELSE now() + make_interval(secs => $5) END, dirty = false"
                + " WHERE kind = $1 AND resource_id = $2 AND leased_by = $3 RETURNING not_before <= now() AS due")
                .executeBatch(completions.stream().map(c -> Tuple.of(c.item().kind(), c.item().resourceId(), worker,
                        c.failed() ? 1 : 0, c.done() ? 0.0 : c.delayMillis() / 1000.0)).toList())
                .map(rows -> {
                    boolean due = false;
                    for (RowSet<Row> result = rows; result != null; result = result.next()) {
                        for (Row r : result) {
                            due |= r.getBoolean("due");
                        }
                    }
                    return due;
                });
    }
}
