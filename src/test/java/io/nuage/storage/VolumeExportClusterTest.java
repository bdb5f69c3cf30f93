package io.nuage.storage;

import static io.nuage.api.TestApi.admin;
import static io.nuage.storage.VolumeExports.path;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Secret;
import io.nuage.api.TestApi;
import io.nuage.compute.Instances;
import io.nuage.db.Sql;
import io.nuage.kubevirt.Labels;
import io.nuage.kubevirt.VirtualMachineExport;
import io.nuage.reconciler.Cluster;
import io.nuage.support.Await;
import io.nuage.work.WorkItems;
import io.nuage.work.WorkKind;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** What a disk export becomes in the (simulated) cluster, and what comes back from it. */
@QuarkusTest
class VolumeExportClusterTest {

    @Inject
    Cluster cluster;

    @Inject
    Pool pool;

    private VirtualMachineExport export(String tenant, String id) {
        return cluster.client().resources(VirtualMachineExport.class).inNamespace("nuage-" + tenant).withName("export-" + id).get();
    }

    private Secret secret(String tenant, String id) {
        return cluster.client().secrets().inNamespace("nuage-" + tenant).withName("export-" + id + "-token").get();
    }

    @Test
    void theSecretAndTheExportAppearAsKubeVirtExpectsAndTheLinksReachTheApi() {
        String t = TestApi.createTenant();
        VolumeExports.readyVolume(t, "os");
        JsonPath created = admin().body(Map.of("ttl_seconds", 600)).post(path(t, "os") + "/export").then().statusCode(202)
                .extract().jsonPath();
        String id = created.getString("id");

        JsonPath ready = VolumeExports.await(t, "os", id, "ready");
        assertEquals("ready", ready.getString("phase"));
        String base = "/api/export.kubevirt.io/v1beta1/namespaces/nuage-" + t + "/virtualmachineexports/export-" + id + "/volumes/os/";
        assertEquals(List.of("raw", "gzip"), ready.getList("links.format"));
        assertTrue(ready.getString("links[0].url").endsWith(base + "disk.img"), ready.getString("links[0].url"));
        assertTrue(ready.getString("links[1].url").endsWith(base + "disk.img.gz"));
        assertEquals("https://virt-export-export-" + id + ".nuage-" + t + ".svc/volumes/os/disk.img", ready.getString("links[0].internal_url"));

        Secret secret = secret(t, id);
        assertNotNull(secret);
        assertEquals(created.getString("token"), new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8));
        assertEquals("volume-export", secret.getMetadata().getLabels().get(Labels.KIND));
        VirtualMachineExport export = export(t, id);
        assertEquals("", export.getSpec().source.getApiGroup());
        assertEquals("PersistentVolumeClaim", export.getSpec().source.getKind());
        assertEquals("os", export.getSpec().source.getName());
        assertEquals(secret.getMetadata().getName(), export.getSpec().tokenSecretRef);
        assertEquals("600s", export.getSpec().ttlDuration);
        assertEquals(secret.getMetadata().getName(), export.getStatus().tokenSecretRef);
        assertEquals(id, export.getMetadata().getLabels().get(Labels.RESOURCE_ID));
    }

    @Test
    void atItsExpiryTheObjectsGoAndTheExportShowsExpired() {
        String t = TestApi.createTenant();
        VolumeExports.readyVolume(t, "os");
        String id = admin().post(path(t, "os") + "/export").then().statusCode(202).extract().path("id");
        VolumeExports.await(t, "os", id, "ready");
        // As if its hour had passed: what its pass, queued for that moment, would then find.
        pool.withTransaction(tx -> tx.preparedQuery("UPDATE volume_exports SET expires_at = now() - interval '1 second' WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id))).chain(() -> WorkItems.enqueue(tx, WorkKind.VOLUME_EXPORT, UUID.fromString(id))))
                .await().atMost(Sql.AWAIT);

        JsonPath expired = VolumeExports.await(t, "os", id, "expired");
        assertEquals("expired", expired.getString("phase"));
        assertEquals(List.of(), expired.getList("links"));
        Await.until(Duration.ofSeconds(10), "the export's objects gone", () -> export(t, id) == null && secret(t, id) == null);
    }

    @Test
    void aDeletedExportOrVolumeTakesItsObjectsAndAnswers404() {
        String t = TestApi.createTenant();
        VolumeExports.readyVolume(t, "os");
        String first = admin().post(path(t, "os") + "/export").then().statusCode(202).extract().path("id");
        String second = admin().post(path(t, "os") + "/export").then().statusCode(202).extract().path("id");
        VolumeExports.await(t, "os", first, "ready");
        VolumeExports.await(t, "os", second, "ready");

        admin().delete(path(t, "os") + "/exports/" + first).then().statusCode(202).body("phase", equalTo("deleting"));
        admin().queryParam("wait_for", "deleted").get(path(t, "os") + "/exports/" + first).then().statusCode(404);
        assertNull(export(t, first));
        assertNull(secret(t, first));

        admin().delete("/v1/tenants/" + t + "/volumes/os").then().statusCode(202);
        Await.until(Duration.ofSeconds(30), "the volume's export ended with it", () -> export(t, second) == null && secret(t, second) == null);
    }

    @Test
    void whileARunningInstanceUsesTheVolumeTheExportWaitsThenIsReadyOnceItStops() {
        String t = TestApi.createTenant();
        VolumeExports.readyVolume(t, "data");
        Map<String, Object> vm = Instances.body("db", 1, 512);
        vm.put("volumes", List.of("data"));
        admin().body(vm).post("/v1/tenants/" + t + "/instances").then().statusCode(201);
        Instances.awaitPhase(t, "db", "running");

        String id = admin().post(path(t, "data") + "/export").then().statusCode(202).extract().path("id");
        Await.until(Duration.ofSeconds(30), "the export says why it waits", () -> {
            JsonPath e = admin().get(path(t, "data") + "/exports/" + id).then().extract().jsonPath();
            return "pending".equals(e.getString("phase")) && e.getString("message") != null
                    && e.getString("message").contains("running instance");
        });
        assertEquals("Pending", export(t, id).getStatus().phase);

        admin().post("/v1/tenants/" + t + "/instances/db/stop").then().statusCode(202);
        JsonPath ready = VolumeExports.await(t, "data", id, "ready");
        assertEquals("ready", ready.getString("phase"));
        assertNull(ready.getString("message"));
    }
}
