package io.nuage.work;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.nuage.support.Await;
import io.nuage.db.ReconcilerDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.pgclient.pubsub.PgSubscriber;

/**
 * Instance creates wake other replicas' dispatchers with one NOTIFY per burst, sent after the commits
 * ({@link WorkItems#committed}), instead of one NOTIFY in each create's transaction.
 */
@QuarkusTest
class CommitWakeTest {

    @Inject
    WorkItems items;
    @Inject
    Vertx vertx;
    @Inject
    ReconcilerDatabase database;

    @Test
    void aBurstOfCommitsReachesOtherReplicasAsOneNotify() throws Exception {
        PgSubscriber replica = PgSubscriber.subscriber(vertx, database.connectOptions());
        AtomicInteger notifications = new AtomicInteger();
        AtomicLong last = new AtomicLong(System.nanoTime());
        replica.channel(WorkItems.CHANNEL).handler(payload -> {
            notifications.incrementAndGet();
            last.set(System.nanoTime());
        });
        replica.connect().toCompletionStage().toCompletableFuture().get();
        try {
            // Other tests' work may still be waking the reconcilers: start from a quiet channel.
            Await.until(Duration.ofSeconds(20), "a quiet channel", () -> System.nanoTime() - last.get() > 300_000_000L);
            int before = notifications.get();
            for (int i = 0; i < 100; i++) {
                items.committed();
            }
            Await.until(Duration.ofSeconds(2), "the burst's NOTIFY", () -> notifications.get() > before);
            Await.until(Duration.ofSeconds(5), "the channel quiet again", () -> System.nanoTime() - last.get() > 200_000_000L);
            int received = notifications.get() - before;
            assertTrue(received <= 3, "100 commits in a burst sent " + received + " NOTIFYs");
        } finally {
            replica.close();
        }
    }
}
