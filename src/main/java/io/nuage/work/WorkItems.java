package io.nuage.work;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The write side of the reconciler's work queue, below the stores and the reconciler alike: a store that
 * changes desired state enqueues a pass in its own transaction, so the change and its pass commit together.
 */
@ApplicationScoped
public class WorkItems {

    /** The NOTIFY channel that wakes the dispatchers of every replica. */
    public static final String CHANNEL = "nuage_work";

    private static final Logger LOG = Logger.getLogger(WorkItems.class);
    /** Creates that commit within this long of each other share one NOTIFY. */
    static final long WAKE_COALESCE_MILLIS = 5;

    /**
     * Upserts the items and NOTIFYs, in one round trip. A due item stays due; a leased one is marked dirty so
     * that its pass runs again. Rows are locked in (kind, id) order, as completions lock them, so two batches on
     * the same items cannot deadlock. The NOTIFY is delivered when the transaction commits.
     */
    private static final String ENQUEUE = """
            WITH queued AS (
              INSERT INTO work_items (kind, resource_id, not_before)
              SELECT $1, id, now() FROM unnest($2::uuid[]) AS id ORDER BY id
              ON CONFLICT (kind, resource_id) DO UPDATE
                SET not_before = LEAST(work_items.not_before, now()), attempts = 0,
                    dirty = work_items.leased_by IS NOT NULL)
            SELECT pg_notify('%s', '')""".formatted(CHANNEL);

    private final Pool pool;
    private final Vertx vertx;
    private final AtomicBoolean notifyScheduled = new AtomicBoolean();
    private final List<Runnable> localDispatchers = new CopyOnWriteArrayList<>();

    WorkItems(Pool pool, Vertx vertx) {
        this.pool = pool;
        this.vertx = vertx;
    }

    /** Enqueues within the caller's transaction; workers are woken when it commits. */
    public static Uni<Void> enqueue(SqlClient tx, WorkKind kind, UUID id) {
        return enqueue(tx, kind, List.of(id));
    }

    /** Enqueues many items within the caller's transaction; workers are woken when it commits. */
    public static Uni<Void> enqueue(SqlClient tx, WorkKind kind, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(ENQUEUE).execute(Tuple.of(kind.key(), ids.toArray(UUID[]::new))).replaceWithVoid();
    }

    /** A dispatcher of this JVM, woken at once by {@link #committed()} until it is removed. */
    public void addLocalDispatcher(Runnable wake) {
        localDispatchers.add(wake);
    }

    public void removeLocalDispatcher(Runnable wake) {
        localDispatchers.remove(wake);
    }

    /**
     * Wakes the reconcilers after a commit that enqueued work without a NOTIFY of its own (instance creates, which
     * come in bursts). This replica's dispatchers are woken directly, the others by one NOTIFY per burst: the flag
     * is cleared before the NOTIFY is sent, so every commit before the clearing is covered and every later one
     * schedules another. Why creates do not NOTIFY each: docs/benchmarks.md, "one NOTIFY per burst".
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
}
