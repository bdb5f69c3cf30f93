package io.nuage.storage;

import static io.nuage.api.TestApi.admin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nuage.api.TestApi;
import io.nuage.kubevirt.DataVolume;
import io.nuage.reconciler.Cluster;
import io.nuage.support.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Volumes through the API, and the DataVolumes and PVCs that appear in the (simulated) cluster. */
@QuarkusTest
class VolumeApiTest {

    @Inject
    Cluster cluster;

    private KubernetesClient k8s() {
        return cluster.client();
    }

    private DataVolume dataVolume(String tenant, String name) {
        return k8s().resources(DataVolume.class).inNamespace("nuage-" + tenant).withName(name).get();
    }

    private PersistentVolumeClaim pvc(String tenant, String name) {
        return k8s().persistentVolumeClaims().inNamespace("nuage-" + tenant).withName(name).get();
    }

    @Test
    void blankVolumeGetsALabelledDataVolumeAndBecomesReady() {
        String tenant = TestApi.createTenant();
        String id = admin().body(Map.of("name", "data", "size_gib", 10, "labels", Map.of("tier", "db")))
                .post("/v1/tenants/" + tenant + "/volumes").then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/v1/tenants/" + tenant + "/volumes/data"))
                .body("status.phase", equalTo("pending"))
                .body("source.blank", equalTo(Map.of()))
                .body("size_gib", equalTo(10))
                .body("labels.tier", equalTo("db"))
                .extract().path("id");

        JsonPath ready = Volumes.awaitPhase(tenant, "data", "ready");
        assertEquals(100.0, ready.getDouble("status.progress"));
        assertNull(ready.getString("status.attached_to"));
        assertEquals("True", ready.getString("status.conditions.find { it.type == 'Ready' }.status"));

        DataVolume dv = dataVolume(tenant, "data");
        assertEquals("nuage", dv.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
        assertEquals(id, dv.getMetadata().getLabels().get("nuage.io/resource-id"));
        assertEquals(Map.of(), dv.getSpec().source.blank);
        assertEquals(new Quantity("10Gi"), dv.getSpec().storage.resources.getRequests().get("storage"));
        assertNotNull(pvc(tenant, "data"), "CDI made the PVC");
    }

    @Test
    void imageImportReportsProgressThenReady() {
        String tenant = TestApi.createTenant();
        admin().body(Map.of("name", "os", "size_gib", 20, "source", Map.of("image_url", "https://images.example.org/f41.qcow2")))
                .post("/v1/tenants/" + tenant + "/volumes").then().statusCode(201)
                .body("source.image_url", equalTo("https://images.example.org/f41.qcow2"));

        Set<Double> progress = ConcurrentHashMap.newKeySet();
        Await.until(Duration.ofSeconds(30), "import in progress", () -> {
            JsonPath j = Volumes.get(tenant, "os");
            if ("importing".equals(j.getString("status.phase"))) {
                progress.add(j.getDouble("status.progress"));
            }
            return !progress.isEmpty();
        });
        assertTrue(progress.stream().allMatch(p -> p >= 0 && p < 100), "progress while importing: " + progress);
        Volumes.awaitPhase(tenant, "os", "ready");
        assertEquals("https://images.example.org/f41.qcow2", dataVolume(tenant, "os").getSpec().source.http.url);
    }

    @Test
    void registrySourceUsesTheDockerScheme() {
        String tenant = TestApi.createTenant();
        admin().body(Map.of("name", "rootfs", "size_gib", 5, "source", Map.of("registry", "quay.io/containerdisks/fedora:41")))
                .post("/v1/tenants/" + tenant + "/volumes").then().statusCode(201);
        Await.until(Duration.ofSeconds(30), "DataVolume", () -> dataVolume(tenant, "rootfs") != null);
        assertEquals("docker://quay.io/containerdisks/fedora:41", dataVolume(tenant, "rootfs").getSpec().source.registry.url);
    }

    /** The test configuration allows *.invalid, so the import starts, and the simulated CDI cannot resolve the host. */
    @Test
    void importFromAnUnreachableHostFailsWithACategoryNotCdisText() {
        String tenant = TestApi.createTenant();
        admin().body(Map.of("name", "broken", "size_gib", 5, "source", Map.of("image_url", "https://images.invalid/x.img")))
                .post("/v1/tenants/" + tenant + "/volumes").then().statusCode(201);
        JsonPath failed = Volumes.awaitPhase(tenant, "broken", "failed");
        assertEquals("The source could not be reached", failed.getString("status.message"));
        assertTrue(failed.getString("status.conditions.find { it.type == 'Ready' }.message") == null
                || !failed.getString("status.conditions.find { it.type == 'Ready' }.message").contains("images.invalid"),
                "no condition repeats CDI's text");
    }

    @Test
    void badInputIsRefusedWithTheField() {
        String tenant = TestApi.createTenant();
        String path = "/v1/tenants/" + tenant + "/volumes";
        admin().body(Map.of("name", "v")).post(path).then().statusCode(400)
                .body("code", equalTo("validation_failed")).body("errors.field", hasItem("size_gib"));
        admin().body(Map.of("name", "v", "size_gib", 0)).post(path).then().statusCode(400).body("errors.field", hasItem("size_gib"));
        admin().body(Map.of("name", "Bad_Name", "size_gib", 1)).post(path).then().statusCode(400).body("errors.field", hasItem("name"));
        admin().body(Map.of("name", "v", "size_gib", 1, "source", Map.of("blank", Map.of(), "image_url", "https://a.org/x")))
                .post(path).then().statusCode(400).body("errors.field", hasItem("source"));
        admin().body(Map.of("name", "v", "size_gib", 1, "source", Map.of())).post(path).then().statusCode(400)
                .body("errors.field", hasItem("source"));
        admin().body(Map.of("name", "v", "size_gib", 1, "source", Map.of("image_url", "ftp://a.org/x")))
                .post(path).then().statusCode(400).body("errors.field", hasItem("source.image_url"));
        admin().body(Map.of("name", "v", "size_gib", 1, "source", Map.of("registry", "Not An Image")))
                .post(path).then().statusCode(400).body("errors.field", hasItem("source.registry"));
        admin().body(Map.of("name", "v", "size_gib", 1, "storage_class", "Fast SSD"))
                .post(path).then().statusCode(400).body("errors.field", hasItem("storage_class"));
        admin().body(Map.of("name", "v", "size_gib", 1, "sizegib", 2)).post(path).then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("sizegib"));
        admin().body(Map.of("name", "v", "size_gib", 1, "source", Map.of("snapshot", "nope"))).post(path).then()
                .statusCode(422).body("code", equalTo("snapshot_not_found"));
        Volumes.create(tenant, "v", 1);
        admin().body(Volumes.body("v", 1)).post(path).then().statusCode(409).body("code", equalTo("already_exists"));
        admin().get(path + "/nope").then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void storageQuotaCountsEveryVolumeAndGrowth() {
        String tenant = TestApi.createTenant();
        admin().body(Map.of("quota", Map.of("storage_gib", 100))).patch("/v1/tenants/" + tenant).then().statusCode(200);
        String path = "/v1/tenants/" + tenant + "/volumes";
        Volumes.create(tenant, "a", 60);
        admin().body(Volumes.body("b", 50)).post(path).then().statusCode(422)
                .body("code", equalTo("quota_exceeded"))
                .body("exceeded", contains("storage_gib"))
                .body("quota.storage_gib", equalTo(100))
                .body("usage.storage_gib", equalTo(60))
                .body("request.storage_gib", equalTo(50));
        Volumes.create(tenant, "b", 40);
        admin().body(Map.of("size_gib", 61)).patch(path + "/a").then().statusCode(422)
                .body("code", equalTo("quota_exceeded")).body("request.storage_gib", equalTo(1));

        // Deleting frees the storage once the DataVolume is gone.
        admin().delete(path + "/b").then().statusCode(202).body("status.phase", equalTo("deleting"));
        Await.until(Duration.ofSeconds(30), "b deleted", () -> admin().get(path + "/b").statusCode() == 404);
        admin().body(Map.of("size_gib", 100)).patch(path + "/a").then().statusCode(200).body("size_gib", equalTo(100));
    }

    @Test
    void growingExpandsThePvcAndShrinkingIsRefused() {
        String tenant = TestApi.createTenant();
        String path = "/v1/tenants/" + tenant + "/volumes/data";
        Volumes.create(tenant, "data", 10);
        Volumes.awaitPhase(tenant, "data", "ready");

        admin().body(Map.of("size_gib", 25, "labels", Map.of("grown", "yes"))).patch(path).then().statusCode(200)
                .body("size_gib", equalTo(25)).body("labels.grown", equalTo("yes"));
        Await.until(Duration.ofSeconds(30), "PVC expanded", () -> {
            PersistentVolumeClaim pvc = pvc(tenant, "data");
            return pvc != null && new Quantity("25Gi").equals(pvc.getStatus().getCapacity().get("storage"));
        });
        // The PVC's expansion reaches the status with the reconciler's next pass over it: wait for that pass.
        Await.until(Duration.ofSeconds(30), "no Resizing once expanded", () -> admin().get(path).then().extract().jsonPath()
                .get("status.conditions.find { it.type == 'Resizing' }") == null);
        JsonPath grown = Volumes.awaitPhase(tenant, "data", "ready");
        assertNull(grown.get("status.conditions.find { it.type == 'Resizing' }"), "no Resizing once expanded");
        assertEquals(new Quantity("10Gi"), dataVolume(tenant, "data").getSpec().storage.resources.getRequests().get("storage"),
                "the DataVolume keeps its original size; the PVC grew");

        admin().body(Map.of("size_gib", 5)).patch(path).then().statusCode(422)
                .body("code", equalTo("volume_shrink")).body("size_gib", equalTo(25));
        admin().body(Map.of("storage_class", "other")).patch(path).then().statusCode(400);
    }

    @Test
    void deleteRemovesTheDataVolumeAndItsPvc() {
        String tenant = TestApi.createTenant();
        Volumes.create(tenant, "tmp", 3);
        Volumes.awaitPhase(tenant, "tmp", "ready");
        admin().delete("/v1/tenants/" + tenant + "/volumes/tmp").then().statusCode(202);
        Await.until(Duration.ofSeconds(30), "gone", () -> admin().get("/v1/tenants/" + tenant + "/volumes/tmp").statusCode() == 404);
        Await.until(Duration.ofSeconds(30), "DataVolume and PVC gone",
                () -> dataVolume(tenant, "tmp") == null && pvc(tenant, "tmp") == null);
        admin().get("/v1/tenants/" + tenant + "/volumes").then().statusCode(200).body("items", equalTo(List.of()));
        // The name is free again.
        Volumes.create(tenant, "tmp", 3);
    }

    @Test
    void aDataVolumeDeletedOrEditedByHandIsRestored() {
        String tenant = TestApi.createTenant();
        admin().body(Map.of("name", "img", "size_gib", 4, "source", Map.of("image_url", "https://images.example.org/a.img")))
                .post("/v1/tenants/" + tenant + "/volumes").then().statusCode(201);
        Volumes.awaitPhase(tenant, "img", "ready");

        DataVolume edited = dataVolume(tenant, "img");
        edited.getSpec().source.http.url = "https://elsewhere.example.org/b.img";
        k8s().resource(edited).update();
        Await.until(Duration.ofSeconds(30), "source restored",
                () -> "https://images.example.org/a.img".equals(dataVolume(tenant, "img").getSpec().source.http.url));

        k8s().resource(dataVolume(tenant, "img")).delete();
        Await.until(Duration.ofSeconds(30), "DataVolume back", () -> {
            DataVolume dv = dataVolume(tenant, "img");
            return dv != null && !dv.getMetadata().getUid().equals(edited.getMetadata().getUid());
        });
        Volumes.awaitPhase(tenant, "img", "ready");
    }

    @Test
    void aTenantWithVolumesCannotBeDeleted() {
        String tenant = TestApi.createTenant();
        Volumes.create(tenant, "keep", 1);
        admin().delete("/v1/tenants/" + tenant).then().statusCode(409)
                .body("code", equalTo("tenant_not_empty")).body("volumes", equalTo(1));
    }

    @Test
    void listIsPaged() {
        String tenant = TestApi.createTenant();
        for (String n : List.of("c", "a", "b")) {
            Volumes.create(tenant, n, 1);
        }
        JsonPath first = admin().get("/v1/tenants/" + tenant + "/volumes?limit=2").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("a", "b"), first.getList("items.name"));
        admin().get("/v1/tenants/" + tenant + "/volumes?limit=2&page_token=" + first.getString("next_page_token")).then()
                .statusCode(200).body("items.name", contains("c")).body("next_page_token", nullValue());
    }
}
