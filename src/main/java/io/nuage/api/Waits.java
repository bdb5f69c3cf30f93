package io.nuage.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Requests waiting for a resource to reach a phase ({@code ?wait_for=}), held without a thread or a database
 * connection each: one poller per replica reads the phases of every awaited resource, one statement per kind, every
 * {@value #POLL_MILLIS} ms while anyone waits, and completes the waiters it satisfies. Reading the table rather than
 * listening for a NOTIFY of each status write works on every replica whoever wrote the status, and keeps the
 * reconciler's status writes free of the notify lock, which once serialised commits under bursts of creates
 * (docs/benchmarks.md). A phase reached is seen within one poll.
 */
@Singleton
public class Waits {

    static final long POLL_MILLIS = 200;
    /** The tables waited on: only these, written here, reach the statement. */
    static final Set<String> TABLES = Set.of("instances", "volumes", "networks", "snapshots", "public_ips", "images",
            "volume_exports");
    /** What a waiter waits for when it waits for the resource to be gone. */
    static final String DELETED = "deleted";
    /** An instance running whose guest has booted (condition GuestReady): a state past {@code running}. */
    static final String GUEST_READY = "guest_ready";
    /** What the poller reads as a resource's state: its phase, or for an instance whose guest is ready, guest_ready. */
    private static final Map<String, String> STATE = Map.of("instances", """
            CASE WHEN phase = 'running' AND conditions @> '[{"type":"GuestReady","status":"True"}]' THEN '%s' ELSE phase END"""
            .formatted(GUEST_READY));
    private static final String FAILED = "failed";

    /** One waiting request, and its own Vert.x context: it goes on there, whichever request's context the poller runs on. */
    private record Waiter(String table, UUID id, String wanted, long deadline, CompletableFuture<Boolean> done, Context context) {
    }

    private final Pool pool;
    private final Vertx vertx;
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean polling = new AtomicBoolean();

    Waits(Pool pool, Vertx vertx) {
        this.pool = pool;
        this.vertx = vertx;
    }

    /**
     * Completes with true once resource {@code id} of {@code table} is in phase {@code wanted} (or gone, for
     * {@link #DELETED}), has failed, or is gone while another phase was awaited; with false after {@code timeout}.
     */
    Uni<Boolean> until(String table, UUID id, String wanted, Duration timeout) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException(table);
        }
        Waiter w = new Waiter(table, id, wanted, System.nanoTime() + timeout.toNanos(), new CompletableFuture<>(),
                Vertx.currentContext());
        waiters.add(w);
        schedule();
        return Uni.createFrom().completionStage(w.done()).onCancellation().invoke(() -> waiters.remove(w));
    }

    /** How many requests wait now: for tests and the benchmark. */
    int waiting() {
        return waiters.size();
    }

    private void schedule() {
        if (polling.compareAndSet(false, true)) {
            vertx.setTimer(POLL_MILLIS, t -> poll());
        }
    }

    private void poll() {
        long now = System.nanoTime();
        Map<String, List<Waiter>> byTable = new HashMap<>();
        for (Waiter w : waiters) {
            if (now - w.deadline() >= 0) {
                finish(w, false);
            } else {
                byTable.computeIfAbsent(w.table(), t -> new ArrayList<>()).add(w);
            }
        }
        List<Uni<Void>> reads = new ArrayList<>();
        byTable.forEach((table, ws) -> reads.add(pool
                .preparedQuery("SELECT id, " + STATE.getOrDefault(table, "phase") + " AS phase, deleted_at IS NOT NULL AS deleted FROM "
                        + table + " WHERE id = ANY($1)")
                .execute(Tuple.of(ws.stream().map(Waiter::id).distinct().toArray(UUID[]::new)))
                .invoke(rows -> {
                    Map<UUID, Row> found = new HashMap<>();
                    rows.forEach(r -> found.put(r.getUUID("id"), r));
                    ws.forEach(w -> {
                        if (reached(w, found.get(w.id()))) {
                            finish(w, true);
                        }
                    });
                }).replaceWithVoid()));
        Uni<Void> all = reads.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(reads).andCollectFailures().replaceWithVoid();
        // A failed read (the database away) is tried again at the next tick; the waiters' own deadlines still hold.
        all.subscribe().with(ok -> next(), failure -> next());
    }

    private static boolean reached(Waiter w, Row row) {
        boolean gone = row == null || row.getBoolean("deleted");
        if (gone) {
            return true; // awaited, or no phase can come any more: the request answers 404
        }
        return satisfied(row.getString("phase"), w.wanted());
    }

    /** Whether a resource in {@code phase} answers a request waiting for {@code wanted}: reached (or passed), or failed. */
    static boolean satisfied(String phase, String wanted) {
        return phase.equals(wanted) || phase.equals(FAILED) || phase.equals(GUEST_READY) && wanted.equals("running");
    }

    private void finish(Waiter w, boolean reached) {
        if (waiters.remove(w)) {
            if (w.context() != null) {
                w.context().runOnContext(v -> w.done().complete(reached));
            } else {
                w.done().complete(reached);
            }
        }
    }

    private void next() {
        polling.set(false);
        if (!waiters.isEmpty()) {
            schedule();
        }
    }
}
