package io.nuage.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.nuage.support.Await;

/**
 * The simulated API server answers lookups by name from an index: it must answer exactly as a store without one,
 * across namespaces, kinds, updates, deletes and re-creates.
 */
class IndexedCrudDispatcherTest {

    @TempDir
    static Path dir;

    private static SimulatedCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void startCluster() {
        cluster = SimulatedCluster.start(SimulatorSettings.instant(), dir.resolve("kubeconfig"));
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(cluster.url()).build()).build();
    }

    @AfterAll
    static void stopCluster() {
        client.close();
        cluster.close();
    }

    @Test
    void sameNameInTwoNamespacesAndTwoKindsStaysApart() {
        client.configMaps().inNamespace("a").resource(configMap("shared", "in-a")).create();
        client.configMaps().inNamespace("b").resource(configMap("shared", "in-b")).create();
        client.secrets().inNamespace("a").resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata().withName("shared").endMetadata().build()).create();

        assertEquals("in-a", value(client.configMaps().inNamespace("a").withName("shared").get()));
        assertEquals("in-b", value(client.configMaps().inNamespace("b").withName("shared").get()));
        assertNull(client.configMaps().inNamespace("c").withName("shared").get());
        assertEquals(1, client.secrets().inNamespace("a").list().getItems().size());
    }

    @Test
    void updateDeleteAndCreateAgainAreSeenByName() {
        ConfigMap created = client.configMaps().inNamespace("life").resource(configMap("cm", "v1")).create();
        KubernetesClientException duplicate = assertThrows(KubernetesClientException.class,
                () -> client.configMaps().inNamespace("life").resource(configMap("cm", "again")).create());
        assertEquals(409, duplicate.getCode());

        created.setData(Map.of("value", "v2"));
        client.configMaps().inNamespace("life").resource(created).update();
        assertEquals("v2", value(client.configMaps().inNamespace("life").withName("cm").get()));

        client.configMaps().inNamespace("life").withName("cm").edit(cm -> {
            cm.setData(Map.of("value", "v3"));
            return cm;
        });
        assertEquals("v3", value(client.configMaps().inNamespace("life").withName("cm").get()));
        assertEquals(List.of("v3"), client.configMaps().inNamespace("life").list().getItems().stream()
                .map(IndexedCrudDispatcherTest::value).toList());

        client.configMaps().inNamespace("life").withName("cm").delete();
        assertNull(client.configMaps().inNamespace("life").withName("cm").get());
        KubernetesClientException gone = assertThrows(KubernetesClientException.class,
                () -> client.configMaps().inNamespace("life").resource(created).update());
        assertEquals(404, gone.getCode());

        client.configMaps().inNamespace("life").resource(configMap("cm", "v4")).create();
        assertEquals("v4", value(client.configMaps().inNamespace("life").withName("cm").get()));
    }

    /**
     * A JSON merge patch (RFC 7386) replaces lists and removes fields set to null, as a real API server applies it.
     * Fabric8's mock appended the patch's list to the stored one: every status write of the simulated KubeVirt added
     * its conditions again, a VM whose status was written twice was never equal to its desired status again, and its
     * conditions grew on every pass until its watch events passed 64 KiB, which stalled every informer of VMs.
     */
    @Test
    void mergePatchReplacesListsAndRemovesNulls() {
        var vmis = client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE_INSTANCE).inNamespace("merge");
        vmis.resource(Serialization.unmarshal("""
                apiVersion: kubevirt.io/v1
                kind: VirtualMachineInstance
                metadata:
                  name: vmi
                  annotations: {keep: "yes", drop: "yes"}
                spec:
                  volumes: [{name: a}, {name: b}]
                """, GenericKubernetesResource.class)).create();
        // As the simulated KubeVirt writes a status: the whole status, patched onto /status.
        GenericKubernetesResource status = Serialization.unmarshal("""
                apiVersion: kubevirt.io/v1
                kind: VirtualMachineInstance
                metadata: {name: vmi, namespace: merge}
                status:
                  phase: Running
                  conditions: [{type: Ready, status: "True"}]
                """, GenericKubernetesResource.class);
        for (int i = 0; i < 3; i++) {
            vmis.resource(status).patchStatus();
        }
        vmis.withName("vmi").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"drop\":null}},\"spec\":{\"volumes\":[{\"name\":\"c\"}]}}");

        GenericKubernetesResource vmi = vmis.withName("vmi").get();
        assertEquals(List.of(Map.of("type", "Ready", "status", "True")),
                ((Map<?, ?>) vmi.getAdditionalProperties().get("status")).get("conditions"));
        assertEquals(Map.of("keep", "yes"), vmi.getMetadata().getAnnotations());
        assertEquals(List.of(Map.of("name", "c")), ((Map<?, ?>) vmi.getAdditionalProperties().get("spec")).get("volumes"));
        assertTrue(Serialization.asJson(vmi).length() < 1000);
    }

    /**
     * Each watch gets the events of its scope, each written once for all watches: ADDED when an object comes into it,
     * MODIFIED while it stays, DELETED when it is deleted or leaves the scope (then with the object as it last was in
     * it, as a real API server sends it), in order; a watch elsewhere gets nothing.
     */
    @Test
    void everyWatchSeesTheEventsOfItsScope() {
        List<String> inNamespace = new CopyOnWriteArrayList<>();
        List<String> labelled = new CopyOnWriteArrayList<>();
        List<String> elsewhere = new CopyOnWriteArrayList<>();
        try (var a = client.configMaps().inNamespace("fan").watch(recorder(inNamespace));
                var b = client.configMaps().inAnyNamespace().withLabel("app", "x").watch(recorder(labelled));
                var c = client.configMaps().inNamespace("fan-other").watch(recorder(elsewhere))) {
            var maps = client.configMaps().inNamespace("fan");
            maps.resource(new ConfigMapBuilder(configMap("cm", "v1")).editMetadata().addToLabels("app", "x").endMetadata()
                    .build()).create();
            maps.withName("cm").edit(cm -> new ConfigMapBuilder(cm).withData(Map.of("value", "v2")).build());
            maps.withName("cm").edit(cm -> new ConfigMapBuilder(cm).editMetadata().withLabels(Map.of()).endMetadata()
                    .withData(Map.of("value", "v3")).build());
            maps.withName("cm").delete();

            List<String> all = List.of("ADDED v1", "MODIFIED v2", "MODIFIED v3", "DELETED v3");
            Await.until(Duration.ofSeconds(10), "the namespace's watch sees every change",
                    () -> inNamespace.size() >= all.size());
            Await.until(Duration.ofSeconds(10), "the label's watch sees the object leave it",
                    () -> labelled.size() >= 3);
            assertEquals(all, inNamespace);
            assertEquals(List.of("ADDED v1", "MODIFIED v2", "DELETED v2"), labelled); // as it last was in scope
            assertEquals(List.of(), elsewhere);
        }
    }

    /**
     * A watch that resumes from a resourceVersion gets what changed since, deletions included, as from a real API
     * server. Fabric8's mock sent what existed as ADDED and nothing of the deletion: an informer restarting its watch
     * (every 5 to 10 minutes) kept the deleted object for good.
     */
    @Test
    void aWatchResumedFromAVersionSeesTheDeletionsSinceThen() {
        var maps = client.configMaps().inNamespace("resume");
        String version = maps.resource(configMap("gone", "g")).create().getMetadata().getResourceVersion();
        maps.resource(configMap("kept", "k")).create();
        maps.withName("gone").delete(); // while nobody watches

        List<String> events = new CopyOnWriteArrayList<>();
        try (var w = maps.watch(new ListOptionsBuilder().withResourceVersion(version).build(),
                recorder(events))) {
            Await.until(Duration.ofSeconds(10), "the resumed watch's events", () -> events.size() >= 2);
            assertEquals(List.of("ADDED k", "DELETED g"), events);
        }
    }

    private static Watcher<ConfigMap> recorder(List<String> events) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap cm) {
                events.add(action + " " + value(cm));
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        };
    }

    /**
     * A delete by name, served from the index, removes only the object it names (not its namesakes in another
     * namespace or of another kind) and answers 404 once it is gone; an object with a finalizer is only marked, as a
     * real API server does, and a second delete leaves it as it is.
     */
    @Test
    void deleteByNameTouchesOnlyThatObject() {
        client.configMaps().inNamespace("del-a").resource(configMap("d", "a")).create();
        client.configMaps().inNamespace("del-b").resource(configMap("d", "b")).create();
        client.secrets().inNamespace("del-a").resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata().withName("d").endMetadata().build()).create();

        assertEquals(1, client.configMaps().inNamespace("del-a").withName("d").delete().size());
        assertNull(client.configMaps().inNamespace("del-a").withName("d").get());
        assertEquals("b", value(client.configMaps().inNamespace("del-b").withName("d").get()));
        assertEquals(1, client.secrets().inNamespace("del-a").list().getItems().size());
        assertEquals(List.of(), client.configMaps().inNamespace("del-a").withName("d").delete(), "gone: 404");

        var held = client.configMaps().inNamespace("del-a").resource(new ConfigMapBuilder(configMap("held", "h"))
                .editMetadata().addToFinalizers("nuage.io/test").endMetadata().build()).create();
        client.configMaps().inNamespace("del-a").withName("held").delete();
        ConfigMap marked = client.configMaps().inNamespace("del-a").withName("held").get();
        assertTrue(marked.getMetadata().getDeletionTimestamp() != null, "marked for deletion");
        assertTrue(!marked.getMetadata().getResourceVersion().equals(held.getMetadata().getResourceVersion()), "a new version");
        client.configMaps().inNamespace("del-a").withName("held").delete();
        assertEquals(marked.getMetadata().getResourceVersion(),
                client.configMaps().inNamespace("del-a").withName("held").get().getMetadata().getResourceVersion());
    }

    private static ConfigMap configMap(String name, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
                .withData(Map.of("value", value)).build();
    }

    private static String value(ConfigMap configMap) {
        return configMap.getData().get("value");
    }
}
