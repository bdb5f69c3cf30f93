package io.nuage.reconciler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.work.WorkItems;
import io.nuage.work.WorkKind;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The reconciler's side of the work queue in PostgreSQL (stores enqueue through {@link WorkItems}):
 * claiming leases due rows with FOR UPDATE SKIP LOCKED so any number of replicas share them. Leases are short and
 * renewed while their passes run; those of a replica that died are taken back at once ({@link Leases}).
 */
@ApplicationScoped
public class WorkQueue {

    public record Item(WorkKind kind, UUID resourceId, int attempts) {
    }

    private final Pool pool;

    WorkQueue(Pool pool) {
        this.pool = pool;
    }

    /** Enqueues many items at once (watch events arrive in bursts) and wakes the workers: one statement, its own transaction. */
    public Uni<Void> enqueueAll(WorkKind kind, List<UUID> ids) {
        return WorkItems.enqueue(pool, kind, ids);
    }

    /**
     * Enqueues every live resource of a kind: the periodic full resync. In id order, the order in which {@link WorkItems}
     * inserts: a row another transaction is inserting is waited for, and two batches that wait on each other's rows in
     * opposite orders deadlock.
     */
    public Uni<Integer> enqueueAll(WorkKind kind) {
        return pool.query("""
                INSERT INTO work_items (kind, resource_id, not_before)
                SELECT '%s', id, now() FROM %s WHERE deleted_at IS NULL ORDER BY id
                ON CONFLICT (kind, resource_id) DO NOTHING""".formatted(kind.key(), kind.table()))
                .execute().map(rows -> rows.rowCount());
    }

    /**
     * Which of {@code ids} this database has as resources of {@code kind}, each with whether it is live (true) or a
     * tombstone (false); an id it never had is absent. Objects whose resource is not live are orphans.
     */
    public Uni<Map<UUID, Boolean>> known(WorkKind kind, List<UUID> ids) {
        return pool.preparedQuery("SELECT id, deleted_at IS NULL AS live FROM " + kind.table() + " WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Boolean> known = new HashMap<>();
                    rows.forEach(r -> known.put(r.getUUID("id"), r.getBoolean("live")));
                    return known;
                });
    }

    /**
     * Leases up to {@code max} due items of the given kinds (those this replica reconciles) for {@code leaseSeconds}.
     * The limit and the kinds are written into the statement, so PostgreSQL keeps one generic plan; locked rows
     * are updated by {@code ctid}, a TID scan whatever the table's size (docs/benchmarks.md, "the claim").
     */
    public Uni<List<Item>> claim(String worker, int max, int leaseSeconds, List<WorkKind> kinds) {
        String kindList = kinds.stream().map(k -> "'" + k.key() + "'").collect(Collectors.joining(","));
        return pool.preparedQuery("""
                UPDATE work_items SET leased_by = $1, leased_until = now() + make_interval(secs => $2), dirty = false
                WHERE ctid = ANY(ARRAY(
                  SELECT ctid FROM work_items
                  WHERE not_before <= now() AND kind IN (%s) AND (leased_until IS NULL OR leased_until < now())
                  ORDER BY not_before LIMIT %d FOR UPDATE SKIP LOCKED))
                RETURNING kind, resource_id, attempts""".formatted(kindList, Math.max(1, max)))
                .execute(Tuple.of(worker, leaseSeconds))
                .map(rows -> {
                    List<Item> items = new ArrayList<>();
                    rows.forEach(r -> items.add(new Item(WorkKind.of(r.getString("kind")), r.getUUID("resource_id"),
                            r.getInteger("attempts"))));
                    return items;
                });
    }

    /**
     * Extends the leases of the items whose passes this worker is running. The rows are locked in (kind, id) order first,
     * the order of every other statement that locks several: an UPDATE alone locks them in the order it finds them, and
     * deadlocked with a batch of watch events enqueued at the same time. The update then finds them by key, not by
     * ctid: a row that was waited for has a new version, which a ctid taken in this statement's snapshot would miss.
     */
    public Uni<Void> renew(String worker, List<UUID> ids, int leaseSeconds) {
        return pool.preparedQuery("""
                WITH locked AS (
                  SELECT kind, resource_id FROM work_items WHERE leased_by = $1 AND resource_id = ANY($2)
                  ORDER BY kind COLLATE "C", resource_id FOR UPDATE)
                UPDATE work_items w SET leased_until = now() + make_interval(secs => $3)
                FROM locked l WHERE w.kind = l.kind AND w.resource_id = l.resource_id""")
                .execute(Tuple.of(worker, ids.toArray(UUID[]::new), leaseSeconds)).replaceWithVoid();
    }

    /**
     * Frees the items leased by workers whose liveness session ({@link Leases#SESSION_PREFIX}) is gone from this
     * database: their replica died, and PostgreSQL closed its sessions with it. Returns how many were freed.
     */
    public Uni<Integer> releaseOrphanedLeases(String worker) {
        return pool.preparedQuery("""
                UPDATE work_items SET leased_by = NULL, leased_until = NULL
                WHERE leased_until > now() AND leased_by <> $1 AND leased_by NOT IN (
                  SELECT substr(application_name, $2) FROM pg_stat_activity
                  WHERE datname = current_database() AND application_name LIKE $3)""")
                .execute(Tuple.of(worker, Leases.SESSION_PREFIX.length() + 1, Leases.SESSION_PREFIX + "%"))
                .map(rows -> rows.rowCount());
    }

    /** At shutdown: whatever this worker still holds is due again at once, for the other replicas. */
    public Uni<Integer> releaseAll(String worker) {
        return pool.preparedQuery("UPDATE work_items SET leased_by = NULL, leased_until = NULL WHERE leased_by = $1")
                .execute(Tuple.of(worker)).map(rows -> rows.rowCount());
    }

    /** How many reconcilers other than {@code worker} have their liveness session open on this database. */
    public Uni<Integer> liveReconcilers(String worker) {
        return pool.preparedQuery("""
                SELECT count(*) AS n FROM pg_stat_activity
                WHERE datname = current_database() AND application_name LIKE $1 AND application_name <> $2""")
                .execute(Tuple.of(Leases.SESSION_PREFIX + "%", Leases.SESSION_PREFIX + worker))
                .map(rows -> rows.iterator().next().getLong("n").intValue());
    }

    /** PostgreSQL orders UUIDs as unsigned bytes, as their text sorts; {@link UUID#compareTo} compares signed longs. */
    private static final Comparator<Completion> LOCK_ORDER = Comparator
            .comparing((Completion c) -> c.item().kind().key()).thenComparing(c -> c.item().resourceId().toString());

    /** What became of a claimed item: dropped when done, else released after {@code delayMillis}. */
    public record Completion(Item item, boolean done, long delayMillis, boolean failed) {
    }

    /**
     * Ends the passes of claimed items in two round trips at most: an item done is dropped, unless it was enqueued
     * again during its pass (dirty); every other one is released, due after its delay or at once when dirty. True when
     * some item is due again. Each is a batch of one-row statements, run in (kind, id) order, the order in which
     * {@link WorkItems} locks rows: a batch of watch events enqueued meanwhile cannot deadlock with it.
     */
    public Uni<Boolean> complete(List<Completion> completions, String worker) {
        List<Completion> sorted = completions.stream().sorted(LOCK_ORDER).toList();
        List<Completion> done = sorted.stream().filter(Completion::done).toList();
        Uni<List<Completion>> undropped = done.isEmpty() ? Uni.createFrom().item(List.of())
                : pool.preparedQuery("DELETE FROM work_items WHERE kind = $1 AND resource_id = $2 AND leased_by = $3 AND NOT dirty")
                        .executeBatch(done.stream().map(c -> Tuple.of(c.item().kind().key(), c.item().resourceId(), worker)).toList())
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
                .executeBatch(completions.stream().map(c -> Tuple.of(c.item().kind().key(), c.item().resourceId(), worker,
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
