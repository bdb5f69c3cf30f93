package io.nuage.compute;

import static io.nuage.api.TestApi.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.nuage.api.TestApi;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.reconciler.Cluster;
import io.nuage.support.Await;
import io.quarkus.test.junit.QuarkusTest;

/** Instances that boot from a persistent disk cloned from an image: kept across restarts, in snapshots, growable. */
@QuarkusTest
class BootDiskTest {

    private static final String IMAGE_URL = "https://images.example.org/fedora-41.qcow2";
    /** The simulated disk's content marker, standing for what the guest wrote on its disk. */
    private static final String CONTENT = "sim.nuage.io/content";

    @Inject
    Cluster cluster;

    private String image;

    @BeforeEach
    void catalogImage() {
        image = TestApi.unique("fedora");
        admin().body(Map.of("name", image, "source", Map.of("image_url", IMAGE_URL), "size_gib", 10)).post("/v1/images").then()
                .statusCode(201);
        Await.until(Duration.ofSeconds(30), "image ready",
                () -> "ready".equals(admin().get("/v1/images/" + image).then().extract().path("status.phase")));
    }

    @Test
    void theRootDiskIsAPersistentCloneOfTheImageThatSurvivesStopStartAndComesBackFromASnapshot() {
        String tenant = TestApi.createTenant();
        String base = "/v1/tenants/" + tenant;
        admin().body(Map.of("name", "db", "vcpus", 1, "memory_mib", 1024, "boot", Map.of("image", image, "size_gib", 20)))
                .post(base + "/instances").then().statusCode(201)
                .body("image", nullValue()).body("boot.image", equalTo(image)).body("boot.size_gib", equalTo(20));
        Instances.awaitPhase(tenant, "db", "running");
        admin().get(base + "/quota").then().body("storage_gib.used", equalTo(20));

        VirtualMachine vm = cluster.client().resources(VirtualMachine.class).inNamespace("nuage-" + tenant).withName("db").get();
        var template = vm.getSpec().dataVolumeTemplates.get(0);
        assertEquals("db.boot", template.metadata.name);
        assertEquals("DataSource", template.spec.sourceRef.kind);
        assertEquals("nuage-images", template.spec.sourceRef.namespace);
        assertEquals("db.boot", vm.getSpec().template.spec.volumes.get(0).dataVolume.name);
        PersistentVolumeClaim disk = pvc(tenant);
        assertEquals(IMAGE_URL, content(disk), "cloned from the image");
        assertEquals("20Gi", disk.getSpec().getResources().getRequests().get("storage").toString());

        write(tenant, "orders v1");
        admin().post(base + "/instances/db/stop").then().statusCode(202);
        Instances.awaitPhase(tenant, "db", "stopped");
        admin().post(base + "/instances/db/start").then().statusCode(202);
        Instances.awaitPhase(tenant, "db", "running");
        assertEquals(disk.getMetadata().getUid(), pvc(tenant).getMetadata().getUid(), "the same disk after stop and start");
        assertEquals("orders v1", content(pvc(tenant)));

        admin().body(Map.of("name", "before", "instance", "db")).post(base + "/snapshots").then().statusCode(201);
        Await.until(Duration.ofSeconds(30), "snapshot ready",
                () -> "ready".equals(admin().get(base + "/snapshots/before").then().extract().path("status.phase")));
        write(tenant, "orders v2, broken");
        admin().post(base + "/instances/db/stop").then().statusCode(202);
        Instances.awaitPhase(tenant, "db", "stopped");
        admin().post(base + "/snapshots/before/restore").then().statusCode(202);
        Await.until(Duration.ofSeconds(30), "restore complete",
                () -> "complete".equals(admin().get(base + "/snapshots/before").then().extract().path("status.restore.phase")));
        assertEquals("orders v1", content(pvc(tenant)), "the root disk as it was when the snapshot was taken");
    }

    @Test
    void aBootDiskGrowsInTheQuotaAndItsPvcNeverShrinks() {
        String tenant = TestApi.createTenant();
        String base = "/v1/tenants/" + tenant + "/instances";
        admin().body(Map.of("name", "app", "vcpus", 1, "memory_mib", 512, "boot", Map.of("image", image))).post(base).then()
                .statusCode(201).body("boot.size_gib", equalTo(10));
        Instances.awaitPhase(tenant, "app", "running");
        Await.until(Duration.ofSeconds(30), "the boot disk's PVC", () -> pvc(tenant, "app") != null);

        admin().body(Map.of("boot", Map.of("size_gib", 30))).patch(base + "/app").then().statusCode(200).body("boot.size_gib", equalTo(30));
        Await.until(Duration.ofSeconds(30), "the PVC asked for 30 GiB", () -> "30Gi".equals(
                pvc(tenant, "app").getSpec().getResources().getRequests().get("storage").toString()));
        admin().get("/v1/tenants/" + tenant + "/quota").then().body("storage_gib.used", equalTo(30));
        admin().body(Map.of("boot", Map.of("size_gib", 20))).patch(base + "/app").then().statusCode(422)
                .body("code", equalTo("boot_disk_shrink"));
        admin().body(Map.of("boot", Map.of("image", "other"))).patch(base + "/app").then().statusCode(422)
                .body("code", equalTo("immutable_field"));

        admin().delete("/v1/images/" + image).then().statusCode(409).body("code", equalTo("image_in_use"))
                .body("instances", equalTo(java.util.List.of(tenant + "/app")));
        admin().delete(base + "/app").then().statusCode(202);
        Await.until(Duration.ofSeconds(30), "the instance gone", () -> admin().get(base + "/app").statusCode() == 404);
        admin().get("/v1/tenants/" + tenant + "/quota").then().body("storage_gib.used", equalTo(0));
        Await.until(Duration.ofSeconds(30), "its boot disk gone with it", () -> pvc(tenant, "app") == null);
        admin().delete("/v1/images/" + image).then().statusCode(202);
    }

    @Test
    void aBootDiskNeedsAReadyImageItsSizeAndNoContainerDisk() {
        String tenant = TestApi.createTenant();
        String base = "/v1/tenants/" + tenant + "/instances";
        admin().body(Map.of("name", "a", "vcpus", 1, "memory_mib", 512, "boot", Map.of("image", "no-such-image"))).post(base).then()
                .statusCode(422).body("code", equalTo("image_not_found")).body("errors[0].field", equalTo("boot.image"));
        admin().body(Map.of("name", "a", "vcpus", 1, "memory_mib", 512, "boot", Map.of("image", image, "size_gib", 5))).post(base)
                .then().statusCode(422).body("code", equalTo("boot_disk_too_small"));
        admin().body(Map.of("name", "a", "vcpus", 1, "memory_mib", 512, "image", Instances.IMAGE, "boot", Map.of("image", image)))
                .post(base).then().statusCode(400).body("errors[0].field", equalTo("boot"));
        admin().body(Map.of("name", "a", "vcpus", 1, "memory_mib", 512)).post(base).then().statusCode(400)
                .body("errors[0].field", equalTo("image"));
        admin().body(Map.of("name", "a", "vcpus", 1, "memory_mib", 512, "boot", Map.of("image", image, "size_gib", 100_000)))
                .post(base).then().statusCode(400).body("errors[0].field", equalTo("boot.size_gib"));
        admin().get("/v1/tenants/" + tenant + "/quota").then().body("instances.used", equalTo(0)).body("storage_gib.used", equalTo(0));
    }

    private PersistentVolumeClaim pvc(String tenant) {
        return pvc(tenant, "db");
    }

    private PersistentVolumeClaim pvc(String tenant, String instance) {
        return cluster.client().persistentVolumeClaims().inNamespace("nuage-" + tenant).withName(instance + ".boot").get();
    }

    private static String content(PersistentVolumeClaim pvc) {
        return pvc.getMetadata().getAnnotations() == null ? null : pvc.getMetadata().getAnnotations().get(CONTENT);
    }

    /** What a guest writing to its root disk does to the simulated disk. */
    private void write(String tenant, String content) {
        cluster.client().persistentVolumeClaims().inNamespace("nuage-" + tenant).withName("db.boot")
                .edit(p -> {
                    p.getMetadata().getAnnotations().put(CONTENT, content);
                    return p;
                });
    }
}
