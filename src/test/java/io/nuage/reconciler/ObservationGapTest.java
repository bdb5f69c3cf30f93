package io.nuage.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nuage.api.TestApi;
import io.nuage.compute.AttachmentStore;
import io.nuage.compute.InstanceRows;
import io.nuage.compute.Instances;
import io.nuage.db.DatabaseOutage;
import io.nuage.db.ReconcilerDatabase;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.platform.NuageConfig;
import io.nuage.sla.Ledger;
import io.nuage.sla.Ledgers;
import io.nuage.support.Await;
import io.nuage.support.FreshClusterProfile;
import io.nuage.work.WorkItems;
import io.nuage.work.WorkKind;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A time when no replica observed the cluster: the statuses from before it are served as {@code Synced=Unknown} until
 * a pass compares them, a replica starting compares everything at once, and a machine that vanished meanwhile is
 * recorded down from when observation stopped, not from when it was noticed.
 */
@QuarkusTest
@TestProfile(FreshClusterProfile.ObservationGap.class)
class ObservationGapTest {

    @Inject
    ObservationGap gap;
    @Inject
    WorkQueue queue;
    @Inject
    WorkItems items;
    @Inject
    ReconcileLoop loop;
    @Inject
    Ledger ledger;
    @Inject
    Cluster cluster;
    @Inject
    Installation installation;
    @Inject
    ClusterNamespaces namespaces;
    @Inject
    InstanceRows rows;
    @Inject
    AttachmentStore attachments;
    @Inject
    TenantReconciler tenants;
    @Inject
    LegacyObjects legacy;
    @Inject
    NuageConfig config;
    @Inject
    Vertx vertx;
    @Inject
    Clock clock;
    @Inject
    ReconcilerDatabase database;
    @Inject
    DatabaseOutage outage;
    @Inject
    Pool pool;

    /** Silent for two heartbeats is nobody observing, whatever pg_stat_activity still lists for a node that died. */
    @Test
    void nobodyObservedWhenNoHeartbeatForTwoPeriods() {
        Instant now = Instant.parse("2026-12-05T12:00:00Z");
        Duration beat = Duration.ofSeconds(15);
        assertTrue(ObservationGap.silent(null, now, beat), "never observed");
        assertFalse(ObservationGap.silent(now.minusSeconds(20), now, beat), "a replica beat 20 s ago");
        assertTrue(ObservationGap.silent(now.minusSeconds(31), now, beat), "nobody beat for 31 s");
    }

    @Test
    void aStatusFromBeforeAGapIsUnknownUntilAPassComparesIt() {
        String tenant = TestApi.createTenant();
        Instances.create(tenant, "seen");
        Instances.awaitPhase(tenant, "seen", "running");

        assertTrue(gap.mark() >= 1);
        Map<String, String> synced = synced(Instances.get(tenant, "seen"));
        assertEquals("Unknown", synced.get("status"));
        assertEquals("Unobserved", synced.get("reason"));
        assertTrue(synced.get("message").startsWith("No Nuage replica observed the cluster from "), synced.get("message"));

        queue.enqueueAll(WorkKind.INSTANCE, List.of(id(tenant, "seen"))).await().atMost(Duration.ofSeconds(10));
        Await.until(Duration.ofSeconds(10), "a pass vouches for the status again",
                () -> "True".equals(synced(Instances.get(tenant, "seen")).get("status")));
    }

    @Test
    void aMachineThatVanishedWhileNobodyObservedIsFoundAtStartAndRecordedDownFromWhenObservationStopped() {
        String tenant = TestApi.createTenant();
        Instances.create(tenant, "vanishing");
        Instances.awaitPhase(tenant, "vanishing", "running");
        UUID id = id(tenant, "vanishing");
        Await.until(Duration.ofSeconds(10), "up recorded", () -> categories(id).contains("up"));

        // Every replica stops observing; meanwhile the machine vanishes.
        loop.stop();
        Ledgers.stop(ledger);
        Instant stopped = clock.instant();
        var vms = cluster.client().resources(VirtualMachine.class).inNamespace("nuage-" + tenant);
        vms.withName("vanishing").delete();
        Await.until(Duration.ofSeconds(10), "the machine gone", () -> vms.withName("vanishing").get() == null);
        assertEquals("running", Instances.get(tenant, "vanishing").getString("status.phase"), "nobody has seen it yet");

        // A replica starts, nobody else observing: its own cache, ledger and reconcilers, as after a restart.
        Ledger restartedLedger = Ledgers.started(pool, clock, config);
        ClusterCache cache = new ClusterCache(cluster, installation, namespaces);
        ClusterWrites writes = new ClusterWrites(cluster, cache, installation, namespaces);
        List<KindReconciler> kinds = List.of(new InstanceReconciler(rows, attachments, cache, writes, restartedLedger, clock, config, installation),
                tenants);
        var registry = new SimpleMeterRegistry();
        ReconcileLoop restarted = new ReconcileLoop(config, queue, items, kinds, cache, legacy, vertx, registry, database,
                outage, new ObservationGap(pool, restartedLedger, clock, config), new Resync(config, queue, cache, writes, kinds, registry));
        long started = System.nanoTime();
        restarted.start();
        try {
            Await.until(Duration.ofSeconds(5), "the vanished machine found by the initial resync, not the periodic one",
                    () -> vms.withName("vanishing").get() != null);
            Instances.awaitPhase(tenant, "vanishing", "running");
            Await.until(Duration.ofSeconds(10), "up again", () -> {
                List<Object[]> h = history(id, restartedLedger);
                return h.size() >= 2 && h.get(h.size() - 1)[0].equals("up") && h.get(h.size() - 2)[0].equals("down");
            });
            List<Object[]> h = history(id, restartedLedger);
            Instant down = (Instant) h.get(h.size() - 2)[1];
            assertFalse(down.isAfter(stopped), "down from when observation stopped (" + down + "), not from when it was"
                    + " noticed after " + stopped);
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10);
        } finally {
            restarted.stop();
            cache.stop();
            Ledgers.stop(restartedLedger);
            Ledgers.start(ledger);
            loop.start();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> synced(JsonPath instance) {
        List<Map<String, String>> conditions = instance.getList("status.conditions");
        return conditions.stream().filter(c -> c.get("type").equals("Synced")).findFirst().orElseThrow();
    }

    private static UUID id(String tenant, String name) {
        return UUID.fromString(Instances.get(tenant, name).getString("id"));
    }

    private List<String> categories(UUID id) {
        return history(id, ledger).stream().map(h -> (String) h[0]).toList();
    }

    /** Category and time of each transition, oldest first. */
    private List<Object[]> history(UUID id, Ledger writtenBy) {
        writtenBy.flush(Duration.ofSeconds(10));
        List<Object[]> out = new ArrayList<>();
        for (Row r : pool.preparedQuery("SELECT category, at FROM ledger_transitions WHERE resource_id = $1 ORDER BY at")
                .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10))) {
            out.add(new Object[] { r.getString("category"), r.getOffsetDateTime("at").toInstant() });
        }
        return out;
    }
}
