package io.nuage.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.nuage.api.TestApi;
import io.nuage.compute.InstanceRows;
import io.nuage.compute.Instances;
import io.nuage.platform.NuageConfig;
import io.nuage.support.FreshClusterProfile;
import io.nuage.db.ReconcilerDatabase;
import io.nuage.work.WorkItems;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;

/**
 * A second reconciler (own worker id, own watches and cache) on the same database and
 * cluster, as a second replica would be: the work is shared and each VM is created once.
 */
@QuarkusTest
@TestProfile(FreshClusterProfile.TwoReconcilers.class)
class TwoReconcilersTest {

    @Inject
    Cluster cluster;
    @Inject
    InstanceRows store;
    @Inject
    WorkQueue queue;
    @Inject
    WorkItems items;
    @Inject
    TenantReconciler tenants;
    @Inject
    NuageConfig config;
    @Inject
    Vertx vertx;
    @Inject
    Clock clock;
    @Inject
    io.nuage.sla.Ledger ledger;
    @Inject
    io.nuage.compute.AttachmentStore attachments;
    @Inject
    ReconcileLoop first;
    @Inject
    ReconcilerDatabase database;
    @Inject
    io.nuage.db.DatabaseOutage outage;
    @Inject
    Installation installation;
    @Inject
    ClusterNamespaces namespaces;
    @Inject
    LegacyObjects legacy;
    @Inject
    ObservationGap gap;

    @Test
    void twoReconcilersShareTheWorkAndCreateEachVirtualMachineExactlyOnce() {
        ClusterCache cache = new ClusterCache(cluster, installation, namespaces);
        ClusterWrites writes = new ClusterWrites(cluster, cache, installation, namespaces);
        List<KindReconciler> kinds = List.of(new InstanceReconciler(store, attachments, cache, writes, ledger, clock, config, installation), tenants);
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        ReconcileLoop second = new ReconcileLoop(config, queue, items, kinds, cache, legacy, vertx, registry, database, outage,
                gap, new Resync(config, queue, cache, writes, kinds, registry));
        second.start();
        try {
            String tenant = TestApi.createTenant();
            TestApi.admin().body(Map.of("quota", Map.of("instances", 100, "vcpus", 100, "memory_mib", 100_000)))
                    .patch("/v1/tenants/" + tenant).then().statusCode(200);
            long createdBefore = vmCreates();
            int firstBefore = first.passes();
            int n = 40;
            for (int i = 0; i < n; i++) {
                Instances.create(tenant, "twin-" + i);
            }
            for (int i = 0; i < n; i++) {
                Instances.awaitPhase(tenant, "twin-" + i, "running");
            }
            assertEquals(createdBefore + n, vmCreates(), "each VirtualMachine created exactly once");
            assertTrue(first.passes() > firstBefore, "the first reconciler took part");
            assertTrue(second.passes() > 0, "the second reconciler took part");
        } finally {
            second.stop();
            cache.stop();
        }
    }

    /** Successful VirtualMachine creates the simulated API server answered. */
    private long vmCreates() {
        return cluster.simulated().requestCounts().entrySet().stream()
                .filter(e -> e.getKey().equals("POST virtualmachines 201")).mapToLong(Map.Entry::getValue).sum();
    }
}
