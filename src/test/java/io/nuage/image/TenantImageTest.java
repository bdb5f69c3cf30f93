package io.nuage.image;

import static io.nuage.api.TestApi.admin;
import static io.nuage.api.TestApi.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.nuage.api.TestApi;
import io.nuage.compute.Instances;
import io.nuage.kubevirt.DataSource;
import io.nuage.kubevirt.DataVolume;
import io.nuage.reconciler.Cluster;
import io.nuage.storage.Volumes;
import io.nuage.support.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** A tenant's own images: imported or copied from a snapshot, in its storage quota, its usage, and gone when deleted. */
@QuarkusTest
class TenantImageTest {

    @Inject
    Cluster cluster;

    private static String images(String tenant) {
        return "/v1/tenants/" + tenant + "/images";
    }

    @Test
    void anImageFromAUrlBecomesReadyInTheTenantNamespaceAndShowsInUsage() {
        String t = TestApi.createTenant();
        String member = TestApi.token(t, "member");
        String id = as(member).body(Images.fromUrl("base", "https://images.example.org/base.qcow2")).post(images(t)).then()
                .statusCode(201).body("size_gib", equalTo(10)).extract().path("id");
        JsonPath ready = Images.awaitPhase(images(t) + "/base", "ready");
        assertEquals(10, ready.getInt("status.size_gib"));
        String namespace = "nuage-" + t;
        DataVolume dv = cluster.client().resources(DataVolume.class).inNamespace(namespace).withName("img-base").get();
        assertEquals(t, dv.getMetadata().getLabels().get("nuage.io/tenant"));
        DataSource ds = cluster.client().resources(DataSource.class).inNamespace(namespace).withName("img-base").get();
        assertEquals("img-base", ds.getSpec().source.pvc.name);
        as(TestApi.token(t, "viewer")).get(images(t)).then().statusCode(200).body("items.name", contains("base"));
        as(TestApi.token(t, "viewer")).delete(images(t) + "/base").then().statusCode(403);
        Await.until(Duration.ofSeconds(10), "the image's events", () -> admin().get("/v1/tenants/" + t + "/events").then()
                .statusCode(200).extract().jsonPath().getList("items.kind").contains("image"));

        Await.until(Duration.ofSeconds(30), "the image's storage in usage", () -> {
            JsonPath usage = admin().get("/v1/tenants/" + t + "/usage").then().statusCode(200).extract().jsonPath();
            Map<String, Object> line = usage.getMap("resources.find { it.id == '" + id + "' }");
            return line != null && "image".equals(line.get("kind"))
                    && usage.getDouble("resources.find { it.id == '" + id + "' }.total.storage_gib_hours") > 0;
        });
        JsonPath month = admin().get("/v1/tenants/" + t + "/availability").then().statusCode(200).extract().jsonPath();
        assertEquals("image", month.getString("resources.find { it.id == '" + id + "' }.kind"), "its own line");
        assertEquals(0.0, month.getDouble("measured_minutes"), "but no part of the tenant's availability: it serves nothing");
    }

    @Test
    void tenantImagesCountInTheStorageQuotaAndAreRefusedOverIt() {
        String t = TestApi.unique("t");
        admin().body(Map.of("name", t, "quota", Map.of("storage_gib", 12))).post("/v1/tenants").then().statusCode(201);
        Volumes.create(t, "data", 2);
        Map<String, Object> body = Images.fromUrl("big", "https://images.example.org/big.qcow2");
        body.put("size_gib", 11);
        admin().body(body).post(images(t)).then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("quota_exceeded")).body("exceeded", contains("storage_gib"))
                .body("quota.storage_gib", equalTo(12)).body("usage.storage_gib", equalTo(2)).body("request.storage_gib", equalTo(11));
        admin().get(images(t) + "/big").then().statusCode(404);
        body.put("size_gib", 10);
        admin().body(body).post(images(t)).then().statusCode(201);
        admin().get("/v1/tenants/" + t + "/quota").then().statusCode(200).body("storage_gib.used", equalTo(12));
        admin().body(Volumes.body("more", 1)).post("/v1/tenants/" + t + "/volumes").then().statusCode(422)
                .body("code", equalTo("quota_exceeded"));
        admin().delete("/v1/tenants/" + t).then().statusCode(409).body("code", equalTo("tenant_not_empty")).body("images", equalTo(1));

        Images.awaitPhase(images(t) + "/big", "ready");
        admin().delete(images(t) + "/big").then().statusCode(202);
        admin().queryParam("wait_for", "deleted").queryParam("timeout", "30s").get(images(t) + "/big").then().statusCode(404);
        admin().get("/v1/tenants/" + t + "/quota").then().statusCode(200).body("storage_gib.used", equalTo(2));
        Await.until(Duration.ofSeconds(10), "the image's DataVolume and DataSource gone", () ->
                cluster.client().resources(DataVolume.class).inNamespace("nuage-" + t).withName("img-big").get() == null
                        && cluster.client().resources(DataSource.class).inNamespace("nuage-" + t).withName("img-big").get() == null);
    }

    @Test
    void internalImportSourcesAreRefusedAsForVolumes() {
        String t = TestApi.createTenant();
        for (String base : List.of(images(t), "/v1/images")) {
            admin().body(Images.fromUrl(TestApi.unique("meta"), "http://169.254.169.254/latest/meta-data")).post(base).then()
                    .statusCode(422).body("code", equalTo("source_not_allowed")).body("errors[0].field", equalTo("source.image_url"))
                    .body("detail", equalTo("source.image_url: volumes import from public hosts only"));
            admin().body(Map.of("name", TestApi.unique("reg"), "source", Map.of("registry", "private.example.net/disk:1"))).post(base)
                    .then().statusCode(422).body("code", equalTo("source_not_allowed")).body("errors[0].field", equalTo("source.registry"));
        }
        Map<String, Object> blank = Map.of("name", "b", "source", Map.of("blank", Map.of()));
        admin().body(blank).post(images(t)).then().statusCode(400).body("errors[0].field", equalTo("source.blank"));
        Map<String, Object> registryWithChecksum = Map.of("name", "r", "source", Map.of("registry", Instances.IMAGE),
                "checksum", Images.CHECKSUM);
        admin().body(registryWithChecksum).post(images(t)).then().statusCode(400).body("errors[0].field", equalTo("checksum"));
        admin().get(images(t)).then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void anImageFromASnapshotCopiesOneOfItsVolumes() {
        String t = TestApi.createTenant();
        Volumes.create(t, "root", 4);
        Map<String, Object> vm = Instances.body("web", 1, 128);
        vm.put("running", false);
        vm.put("volumes", List.of("root"));
        admin().body(vm).post("/v1/tenants/" + t + "/instances").then().statusCode(201);
        Instances.awaitPhase(t, "web", "stopped");
        admin().body(Map.of("name", "golden", "instance", "web")).post("/v1/tenants/" + t + "/snapshots").then().statusCode(201);
        Await.until(Duration.ofSeconds(30), "snapshot ready", () -> "ready".equals(
                admin().get("/v1/tenants/" + t + "/snapshots/golden").then().extract().path("status.phase")));

        admin().body(Map.of("name", "web-golden", "size_gib", 4, "source", Map.of("snapshot", "golden"))).post(images(t)).then()
                .statusCode(201).body("source.snapshot", equalTo("golden")).body("source.volume", equalTo("root"));
        admin().delete("/v1/tenants/" + t + "/snapshots/golden").then().statusCode(409).body("code", equalTo("snapshot_in_use"))
                .body("images", contains("web-golden"));
        Images.awaitPhase(images(t) + "/web-golden", "ready");
        DataVolume dv = cluster.client().resources(DataVolume.class).inNamespace("nuage-" + t).withName("img-web-golden").get();
        assertEquals("nuage-" + t, dv.getSpec().source.snapshot.namespace);
        assertTrue(dv.getSpec().source.snapshot.name.endsWith("-volume-vol-root"), dv.getSpec().source.snapshot.name);
        admin().body(Map.of("name", "nope", "source", Map.of("snapshot", "missing"))).post(images(t)).then().statusCode(422)
                .body("code", equalTo("snapshot_not_found"));
    }
}
