package io.nuage.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

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

    private static ConfigMap configMap(String name, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
                .withData(Map.of("value", value)).build();
    }

    private static String value(ConfigMap configMap) {
        return configMap.getData().get("value");
    }
}
