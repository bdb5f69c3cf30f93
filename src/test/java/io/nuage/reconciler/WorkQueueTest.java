package io.nuage.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.nuage.db.ReconcilerDatabase;
import io.nuage.reconciler.WorkQueue.Completion;
import io.nuage.support.Await;
import io.nuage.reconciler.WorkQueue.Item;
import io.nuage.work.WorkKind;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;

/**
 * The work queue's leases and completions, on an application whose reconciler is off, so that only this test takes
 * its items.
 * UUIDs on both sides of the sign bit: PostgreSQL and Java order them differently, and completions lock in
 * PostgreSQL's order.
 */
@QuarkusTest
@TestProfile(WorkQueueTest.NoReconciler.class)
class WorkQueueTest {

    public static class NoReconciler implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("nuage.reconciler.enabled", "false");
        }
    }

    private static final WorkKind KIND = WorkKind.SNAPSHOT;
    private static final Duration DB = Duration.ofSeconds(10);

    @Inject
    WorkQueue queue;
    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @Inject
    ReconcilerDatabase database;

    @Test
    void aBatchEndsInOneGoAndAnItemEnqueuedDuringItsPassRunsAgain() {
        UUID done = UUID.fromString("0a000000-0000-4000-8000-000000000001");
        UUID changed = UUID.fromString("f0000000-0000-4000-8000-000000000002");
        UUID failed = UUID.fromString("80000000-0000-4000-8000-000000000003");
        queue.enqueueAll(KIND, List.of(done, changed, failed)).await().atMost(DB);

        List<Item> claimed = claim("worker-1");
        assertEquals(Set.of(done, changed, failed), ids(claimed));
        assertTrue(claim("worker-2").isEmpty(), "leased items are not claimed twice");

        queue.enqueueAll(KIND, List.of(changed)).await().atMost(DB); // a watch event during the pass
        boolean dueAgain = queue.complete(claimed.stream().map(i -> i.resourceId().equals(failed)
                ? new Completion(i, false, 60_000, true) : new Completion(i, true, 0, false)).toList(), "worker-1")
                .await().atMost(DB);

        assertTrue(dueAgain, "the item changed during its pass is due again");
        List<Item> again = claim("worker-2");
        assertEquals(Set.of(changed), ids(again), "the done item is dropped, the failed one waits for its backoff");
        assertEquals(0, again.get(0).attempts());
        assertFalse(queue.complete(List.of(new Completion(again.get(0), true, 0, false)), "worker-2").await().atMost(DB));
        assertTrue(claim("worker-3").isEmpty());
    }

    @Test
    void aCompletionByAWorkerThatLostTheLeaseChangesNothing() {
        UUID id = UUID.randomUUID();
        queue.enqueueAll(KIND, List.of(id)).await().atMost(DB);
        Item item = claim("worker-1").stream().filter(i -> i.resourceId().equals(id)).findFirst().orElseThrow();

        assertFalse(queue.complete(List.of(new Completion(item, true, 0, false)), "someone-else").await().atMost(DB));
        assertTrue(queue.complete(List.of(new Completion(item, false, 0, false)), "worker-1").await().atMost(DB),
                "still there, released, due at once");
        assertEquals(Set.of(id), ids(claim("worker-2")));
    }

    /**
     * A replica is alive while its liveness session is open: the items it holds stay its own, and are renewed while
     * their passes run; once its session is gone (the replica died), any survivor frees them at once.
     */
    @Test
    void theLeasesOfAReplicaWhoseSessionClosedAreFreedAtOnce() {
        WorkKind kind = WorkKind.VOLUME;
        UUID alive = UUID.randomUUID();
        UUID dead = UUID.randomUUID();
        queue.enqueueAll(kind, List.of(alive)).await().atMost(DB);
        assertEquals(List.of(alive), ids(queue.claim("replica-alive", 1, 1, List.of(kind)).await().atMost(DB)).stream().toList());
        queue.enqueueAll(kind, List.of(dead)).await().atMost(DB);
        assertEquals(Set.of(dead), ids(queue.claim("replica-dead", 1, 60, List.of(kind)).await().atMost(DB)));

        PgConnection session = PgConnection.connect(vertx, new PgConnectOptions(database.connectOptions())
                .addProperty("application_name", Leases.SESSION_PREFIX + "replica-alive")).await().atMost(DB);
        try {
            assertEquals(1, queue.liveReconcilers("replica-self").await().atMost(DB));
            assertEquals(0, queue.liveReconcilers("replica-alive").await().atMost(DB), "itself not counted");
            queue.renew("replica-alive", List.of(alive), 60).await().atMost(DB);
            assertTrue(leasedForMoreThan(alive, Duration.ofSeconds(50)), "renewed: its pass may last");

            assertTrue(queue.releaseOrphanedLeases("replica-self").await().atMost(DB) >= 1);
            assertEquals(Set.of(dead), ids(queue.claim("replica-self", 10, 60, List.of(kind)).await().atMost(DB)),
                    "the dead replica's item is taken over; the live one's is not");
        } finally {
            session.close().await().atMost(DB);
        }
        Await.until(Duration.ofSeconds(10), "its session ended with its connection",
                () -> queue.liveReconcilers("replica-self").await().atMost(DB) == 0);
        queue.releaseOrphanedLeases("replica-self").await().atMost(DB);
        List<Item> takenOver = queue.claim("replica-self", 10, 60, List.of(kind)).await().atMost(DB);
        assertEquals(Set.of(alive), ids(takenOver));

        assertEquals(2, queue.releaseAll("replica-self").await().atMost(DB), "shutdown frees what is held");
        assertEquals(Set.of(alive, dead), ids(queue.claim("replica-next", 10, 60, List.of(kind)).await().atMost(DB)));
        queue.complete(List.of(new Completion(takenOver.get(0), true, 0, false)), "replica-next").await().atMost(DB);
        queue.releaseAll("replica-next").await().atMost(DB);
    }

    /**
     * The lease renewal locks its rows in id order, as a batch of watch events enqueued meanwhile does: a batch that holds
     * the lower id and then takes the higher waits for it, or it for the batch, never both. It used to lock them in the
     * order the table stores them: with the higher id stored first, each waited on the other until PostgreSQL aborted one.
     */
    @Test
    void aLeaseRenewalAndAnEnqueueLockInTheSameOrder() throws Exception {
        WorkKind kind = WorkKind.IMAGE;
        String suffix = UUID.randomUUID().toString().substring(24);
        UUID low = UUID.fromString("00000000-0000-4000-8000-" + suffix);
        UUID high = UUID.fromString("ffffffff-ffff-4fff-bfff-" + suffix);
        queue.enqueueAll(kind, List.of(high)).await().atMost(DB); // stored first
        queue.enqueueAll(kind, List.of(low)).await().atMost(DB);
        assertEquals(Set.of(low, high), ids(queue.claim("renewer", 10, 60, List.of(kind)).await().atMost(DB)));

        SqlConnection batch = pool.getConnection().await().atMost(DB);
        Transaction tx = batch.begin().await().atMost(DB);
        try {
            String enqueueAgain = "UPDATE work_items SET dirty = true WHERE kind = $1 AND resource_id = $2";
            batch.preparedQuery(enqueueAgain).execute(Tuple.of(kind.key(), low)).await().atMost(DB);
            var renewed = queue.renew("renewer", List.of(low, high), 120).subscribeAsCompletionStage();
            Await.until(DB, "the renewal waiting for the batch's lock", () -> pool.query("""
                    SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'
                    AND query LIKE '%make_interval(secs => $3)%'""").execute().await().atMost(DB).iterator().next().getLong("n") == 1);
            batch.preparedQuery(enqueueAgain).execute(Tuple.of(kind.key(), high)).await().atMost(DB);
            tx.commit().await().atMost(DB);
            renewed.toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            batch.close().await().atMost(DB);
        }
        assertTrue(leasedForMoreThan(low, Duration.ofSeconds(100)) && leasedForMoreThan(high, Duration.ofSeconds(100)),
                "both renewed once the batch committed");
        queue.releaseAll("renewer").await().atMost(DB);
    }

    private boolean leasedForMoreThan(UUID id, Duration d) {
        return pool.preparedQuery("SELECT leased_until > now() + make_interval(secs => $2) AS long FROM work_items"
                + " WHERE resource_id = $1").execute(Tuple.of(id, (double) d.toSeconds())).await().atMost(DB)
                .iterator().next().getBoolean("long");
    }

    private List<Item> claim(String worker) {
        return queue.claim(worker, 10, 60, List.of(KIND)).await().atMost(DB);
    }

    private static Set<UUID> ids(List<Item> items) {
        return items.stream().map(Item::resourceId).collect(Collectors.toSet());
    }
}
