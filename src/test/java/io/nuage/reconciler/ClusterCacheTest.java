package io.nuage.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.nuage.api.TestApi;
import io.nuage.compute.Instances;
import io.nuage.kubevirt.Labels;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.kubevirt.VirtualMachineInstance;
import io.nuage.reconciler.KindReconciler.Orphans;
import io.nuage.support.Await;
import io.nuage.work.WorkKind;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The cache's expectations (our writes, seen before their watch events) against a hand edit:
 * an object we created and someone then deleted must read as absent, or it is never restored.
 * The watch events of our own writes enqueue no pass; those of anyone else's do.
 */
@QuarkusTest
class ClusterCacheTest {

    @Inject
    Cluster cluster;
    @Inject
    Installation installation;
    @Inject
    ClusterNamespaces namespaces;
    @Inject
    ClusterCache appCache;
    @Inject
    Resync resync;

    /**
     * A live instance's id: the running app's resync deletes as orphans the objects with our labels whose resource
     * has no row, and took this test's Secrets while it waited for them.
     */
    private static UUID resource;
    private final String marker = UUID.randomUUID().toString();
    private ClusterCache cache;
    private ClusterWrites writes;
    private final List<UUID> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startCache() {
        if (resource == null) {
            String tenant = TestApi.createTenant();
            Instances.create(tenant, "secrets-owner");
            resource = UUID.fromString(Instances.get(tenant, "secrets-owner").getString("id"));
        }
        cache = new ClusterCache(cluster, installation, namespaces);
        cache.start(List.of(new SecretsOnly(marker, false)), (kind, id) -> events.add(id));
        writes = new ClusterWrites(cluster, cache, installation, namespaces);
    }

    @AfterEach
    void stopCache() {
        cache.stop();
    }

    @Test
    void anObjectWeCreatedThenSomeoneDeletedReadsAsAbsent() {
        Secret secret = secret("created-then-deleted");
        writes.create(secret);
        Await.until(Duration.ofSeconds(10), "the watch shows the Secret", () -> informed("created-then-deleted"));

        cluster.client().secrets().inNamespace("default").withName("created-then-deleted").delete();
        Await.until(Duration.ofSeconds(10), "the watch shows the delete", () -> !informed("created-then-deleted"));

        assertNull(cache.get(Secret.class, "default", "created-then-deleted"), "the hand delete is what the cache shows");
    }

    @Test
    void ourCreateReadsAsPresentAtOnce() {
        writes.create(secret("just-created"));
        assertEquals("just-created", cache.get(Secret.class, "default", "just-created").getMetadata().getName());
        cluster.client().secrets().inNamespace("default").withName("just-created").delete();
    }

    @Test
    void ourOwnWritesEnqueueNothingAndAHandEditDoes() {
        int n = 20;
        // With the API server's answers delayed, every create's watch event arrives before the create's answer.
        cluster.simulated().setAddedLatency(Duration.ofMillis(50));
        try {
            for (int i = 0; i < n; i++) {
                writes.create(secret("ours-" + i));
            }
        } finally {
            cluster.simulated().setAddedLatency(Duration.ZERO);
        }
        Await.until(Duration.ofSeconds(10), "the watch shows our Secrets",
                () -> cache.all(Secret.class).stream().filter(s -> s.getMetadata().getName().startsWith("ours-")).count() == n);
        assertEquals(List.of(), events, "our creates' echoes enqueued passes");

        // Relabelled to a resource of its own, so that no late echo of our creates can pass for it.
        UUID edited = UUID.randomUUID();
        Secret byHand = cluster.client().secrets().inNamespace("default").withName("ours-0").get();
        byHand.getMetadata().getLabels().put(Labels.RESOURCE_ID, edited.toString());
        cluster.client().resource(byHand).update();
        Await.until(Duration.ofSeconds(10), "the hand edit enqueues its resource", () -> events.contains(edited));
        for (int i = 0; i < n; i++) {
            cluster.client().secrets().inNamespace("default").withName("ours-" + i).delete();
        }
    }

    /**
     * Secrets are watched in this installation's namespaces only (deploy/kubernetes.yaml lets Nuage read none
     * elsewhere): one with our labels in a namespace that is not a tenant's is neither seen nor collected, while an
     * orphan in a tenant's namespace is.
     */
    @Test
    void secretsAreWatchedOnlyInOurNamespaces() {
        String tenantNamespace = "nuage-" + TestApi.createTenant();
        String elsewhere = "elsewhere-" + marker.substring(0, 8);
        cluster.client().resource(new NamespaceBuilder().withNewMetadata().withName(elsewhere).endMetadata().build()).create();
        Secret stray = orphan(elsewhere);
        Secret orphan = orphan(tenantNamespace);
        Await.until(Duration.ofSeconds(10), "the tenant's Secret is seen", () -> appCache.all(Secret.class).stream()
                .anyMatch(s -> s.getMetadata().getNamespace().equals(tenantNamespace) && s.getMetadata().getName().equals("stray")));

        assertTrue(appCache.all(Secret.class).stream().noneMatch(s -> s.getMetadata().getNamespace().equals(elsewhere)));
        assertNull(appCache.get(Secret.class, elsewhere, "stray"));
        resync.run();
        assertNull(cluster.client().resource(orphan).get(), "the orphan in the tenant's namespace is collected");
        assertEquals(stray.getMetadata().getUid(), cluster.client().resource(stray).get().getMetadata().getUid(), "left alone");
        cluster.client().namespaces().withName(elsewhere).delete();
    }

    /** With Secrets refused across all namespaces, as deploy/kubernetes.yaml does, the cache never asks that way. */
    @Test
    void secretsAreNeverAskedForAcrossAllNamespaces() {
        String tenantNamespace = "nuage-" + TestApi.createTenant();
        cluster.simulated().refuseClusterWide(java.util.Set.of("secrets", "persistentvolumeclaims"));
        ClusterCache perNamespace = new ClusterCache(cluster, installation, namespaces);
        try {
            perNamespace.start(List.of(new SecretsOnly(marker, true)), (kind, id) -> events.add(id));
            Secret s = secret("asked-per-namespace");
            s.getMetadata().setNamespace(tenantNamespace);
            new ClusterWrites(cluster, perNamespace, installation, namespaces).create(s);
            Await.until(Duration.ofSeconds(10), "the watch in the tenant's namespace shows it", () -> perNamespace
                    .all(Secret.class).stream().anyMatch(x -> x.getMetadata().getName().equals("asked-per-namespace")));
            assertEquals(List.of(), cluster.simulated().requestCounts().keySet().stream().filter(k -> k.endsWith(" 403")).toList());
        } finally {
            cluster.simulated().refuseClusterWide(java.util.Set.of());
            perNamespace.stop();
        }
    }

    private Secret orphan(String namespace) {
        return cluster.client().resource(new SecretBuilder().withNewMetadata().withNamespace(namespace).withName("stray")
                .withLabels(Map.of(Labels.MANAGED_BY, Labels.MANAGER, Labels.INSTALLATION, installation.id(),
                        Labels.RESOURCE_ID, UUID.randomUUID().toString())).endMetadata()
                .withStringData(Map.of("k", "v")).build()).create();
    }

    /** Decoded as generic objects, our kinds cost every watch event a second Jackson pass into the typed class. */
    @Test
    void watchEventsOfOurKubeVirtKindsDecodeAsTheirTypes() {
        String event = "{\"type\":\"MODIFIED\",\"object\":{\"apiVersion\":\"kubevirt.io/v1\",\"kind\":\"%s\","
                + "\"metadata\":{\"name\":\"vm-1\",\"namespace\":\"nuage-t\"}}}";
        var serialization = cluster.client().getKubernetesSerialization();
        assertTrue(serialization.unmarshal(event.formatted("VirtualMachine"), WatchEvent.class).getObject() instanceof VirtualMachine);
        assertTrue(serialization.unmarshal(event.formatted("VirtualMachineInstance"), WatchEvent.class)
                .getObject() instanceof VirtualMachineInstance);
    }

    private boolean informed(String name) {
        return cache.all(Secret.class).stream().anyMatch(s -> s.getMetadata().getName().equals(name));
    }

    private Secret secret(String name) {
        return new SecretBuilder().withNewMetadata().withNamespace("default").withName(name)
                .withLabels(Map.of(Labels.MANAGED_BY, Labels.MANAGER, "nuage.io/test", marker,
                        Labels.RESOURCE_ID, resource.toString())).endMetadata()
                .withStringData(Map.of("k", "v")).build();
    }

    /** A kind that watches only this test's Secrets. */
    private record SecretsOnly(String marker, boolean perNamespace) implements KindReconciler {
        @Override
        public WorkKind kind() {
            return WorkKind.INSTANCE;
        }

        @Override
        public Outcome reconcile(UUID id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Watched> watches() {
            return List.of(new Watched(Secret.class, Map.of("nuage.io/test", marker), Orphans.KEPT, perNamespace));
        }
    }
}
