package io.nuage.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

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

    private static ConfigMap configMap(String name, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
                .withData(Map.of("value", value)).build();
    }

    private static String value(ConfigMap configMap) {
        return configMap.getData().get("value");
    }
}
