package io.nuage.storage;

import static io.nuage.api.TestApi.admin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nuage.api.TestApi;
import io.nuage.compute.Instances;
import io.nuage.kubevirt.Disk;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.kubevirt.VirtualMachineInstance;
import io.nuage.reconciler.Cluster;
import io.nuage.support.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Volumes attached to instances: what the API answers, what the VirtualMachine gets, what the status says. */
@QuarkusTest
class VolumeAttachmentTest {

    @Inject
    Cluster cluster;

    private KubernetesClient k8s() {
        return cluster.client();
    }

    private VirtualMachine vm(String tenant, String name) {
        return k8s().resources(VirtualMachine.class).inNamespace("nuage-" + tenant).withName(name).get();
    }

    private Disk disk(String tenant, String instance, String volume) {
        VirtualMachine vm = vm(tenant, instance);
        return vm == null ? null : vm.getSpec().template.spec.domain.devices.disks.stream()
                .filter(d -> d.name.equals("vol-" + volume)).findFirst().orElse(null);
    }

    private static JsonPath awaitAttached(String tenant, String volume, String status, String reason) {
        Await.until(Duration.ofSeconds(30), volume + " Attached=" + status + "/" + reason, () -> {
            JsonPath j = Volumes.get(tenant, volume);
            return status.equals(j.getString("status.conditions.find { it.type == 'Attached' }.status"))
                    && reason.equals(j.getString("status.conditions.find { it.type == 'Attached' }.reason"));
        });
        return Volumes.get(tenant, volume);
    }

    @Test
    void aVolumeAttachedToARunningInstanceIsHotPluggedAndComesOffAgain() {
        String tenant = TestApi.createTenant();
        Instances.create(tenant, "web");
        Volumes.create(tenant, "data", 10);
        Instances.awaitPhase(tenant, "web", "running");

        admin().body(Map.of("volume", "data")).post("/v1/tenants/" + tenant + "/instances/web/volumes").then()
                .statusCode(202).body("volumes", contains("data"));
        JsonPath attached = awaitAttached(tenant, "data", "True", "Hotplugged");
        assertEquals("web", attached.getString("status.attached_to"));
        assertEquals("scsi", disk(tenant, "web", "data").disk.bus, "hot-plugged disks are on the SCSI bus");
        assertEquals(Boolean.TRUE, vm(tenant, "web").getSpec().template.spec.volumes.stream()
                .filter(v -> v.name.equals("vol-data")).findFirst().orElseThrow().dataVolume.hotpluggable);
        VirtualMachineInstance vmi = k8s().resources(VirtualMachineInstance.class).inNamespace("nuage-" + tenant).withName("web").get();
        assertTrue(vmi.getStatus().volumeStatus.stream().anyMatch(v -> v.name.equals("vol-data") && v.hotplugVolume != null));

        // Attaching again changes nothing.
        admin().body(Map.of("volume", "data")).post("/v1/tenants/" + tenant + "/instances/web/volumes").then()
                .statusCode(202).body("volumes", contains("data"));

        admin().delete("/v1/tenants/" + tenant + "/instances/web/volumes/data").then().statusCode(202)
                .body("volumes", equalTo(List.of()));
        Await.until(Duration.ofSeconds(30), "detached", () -> Volumes.get(tenant, "data").getString("status.attached_to") == null);
        assertNull(disk(tenant, "web", "data"));
        admin().delete("/v1/tenants/" + tenant + "/volumes/data").then().statusCode(202);
    }

    @Test
    void aVolumeAttachedToAStoppedInstanceArrivesAtItsNextStart() {
        String tenant = TestApi.createTenant();
        Map<String, Object> body = Instances.body("batch", 1, 512);
        body.put("running", false);
        admin().body(body).post("/v1/tenants/" + tenant + "/instances").then().statusCode(201);
        Volumes.create(tenant, "scratch", 5);
        Instances.awaitPhase(tenant, "batch", "stopped");

        admin().body(Map.of("volume", "scratch")).post("/v1/tenants/" + tenant + "/instances/batch/volumes").then().statusCode(202);
        awaitAttached(tenant, "scratch", "False", "PendingStart");
        assertEquals("virtio", disk(tenant, "batch", "scratch").disk.bus);

        admin().post("/v1/tenants/" + tenant + "/instances/batch/start").then().statusCode(202);
        awaitAttached(tenant, "scratch", "True", "AttachedAtStart");
    }

    @Test
    void volumesNamedAtCreationAreInTheVirtualMachine() {
        String tenant = TestApi.createTenant();
        Volumes.create(tenant, "a", 1);
        Volumes.create(tenant, "b", 1);
        Map<String, Object> body = Instances.body("db", 1, 512);
        body.put("volumes", List.of("a", "b"));
        admin().body(body).post("/v1/tenants/" + tenant + "/instances").then().statusCode(201).body("volumes", contains("a", "b"));
        Instances.awaitPhase(tenant, "db", "running");
        awaitAttached(tenant, "a", "True", "AttachedAtStart");
        awaitAttached(tenant, "b", "True", "AttachedAtStart");
        assertEquals("virtio", disk(tenant, "db", "b").disk.bus);

        // Deleting the instance frees its volumes.
        admin().delete("/v1/tenants/" + tenant + "/volumes/a").then().statusCode(409).body("code", equalTo("volume_attached"))
                .body("attached_to", equalTo("db"));
        admin().delete("/v1/tenants/" + tenant + "/instances/db").then().statusCode(202);
        Await.until(Duration.ofSeconds(30), "instance gone", () -> admin().get("/v1/tenants/" + tenant + "/instances/db").statusCode() == 404);
        assertNull(Volumes.get(tenant, "a").getString("status.attached_to"));
        admin().delete("/v1/tenants/" + tenant + "/volumes/a").then().statusCode(202);
    }

    @Test
    void concurrentAttachesOfOneVolumeLetExactlyOneWin() throws Exception {
        String tenant = TestApi.createTenant();
        int n = 5;
        for (int i = 0; i < n; i++) {
            Instances.create(tenant, "racer-" + i);
        }
        Volumes.create(tenant, "prize", 1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                String instance = "racer-" + i;
                answers.add(pool.submit(() -> admin().body(Map.of("volume", "prize"))
                        .post("/v1/tenants/" + tenant + "/instances/" + instance + "/volumes").statusCode()));
            }
            List<Integer> codes = new java.util.ArrayList<>();
            for (var a : answers) {
                codes.add(a.get());
            }
            assertEquals(1, codes.stream().filter(c -> c == 202).count(), "codes " + codes);
            assertEquals(n - 1, codes.stream().filter(c -> c == 409).count(), "codes " + codes);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedVolumeCannotBeAttached() {
        String tenant = TestApi.createTenant();
        Instances.create(tenant, "one");
        admin().body(Map.of("name", "broken", "size_gib", 1, "source", Map.of("image_url", "https://x.invalid/a.img")))
                .post("/v1/tenants/" + tenant + "/volumes").then().statusCode(201);
        Volumes.awaitPhase(tenant, "broken", "failed");
        admin().body(Map.of("volume", "broken")).post("/v1/tenants/" + tenant + "/instances/one/volumes").then()
                .statusCode(409).body("code", equalTo("volume_failed"));
    }

    @Test
    void attachErrorsAreExplicitAndACreateThatCannotAttachCreatesNothing() {
        String tenant = TestApi.createTenant();
        String instances = "/v1/tenants/" + tenant + "/instances";
        admin().body(Map.of("quota", Map.of("instances", 2))).patch("/v1/tenants/" + tenant).then().statusCode(200);
        Instances.create(tenant, "one");
        Volumes.create(tenant, "shared", 1);
        admin().body(Map.of("volume", "shared")).post(instances + "/one/volumes").then().statusCode(202);

        admin().body(Map.of("volume", "nope")).post(instances + "/one/volumes").then().statusCode(422)
                .body("code", equalTo("volume_not_found"));
        admin().body(Map.of("volume", "shared")).post(instances + "/nope/volumes").then().statusCode(404);
        admin().body(Map.of()).post(instances + "/one/volumes").then().statusCode(400).body("errors.field", contains("volume"));
        admin().delete(instances + "/one/volumes/other").then().statusCode(404);

        Map<String, Object> two = Instances.body("two", 1, 512);
        two.put("volumes", List.of("shared"));
        admin().body(two).post(instances).then().statusCode(409).body("code", equalTo("volume_attached"))
                .body("attached_to", equalTo("one"));
        admin().get(instances + "/two").then().statusCode(404);

        two.put("volumes", List.of("shared", "shared"));
        admin().body(two).post(instances).then().statusCode(400).body("errors.field", contains("volumes"));
        two.put("volumes", List.of("missing"));
        admin().body(two).post(instances).then().statusCode(422).body("code", equalTo("volume_not_found"));
        admin().get(instances + "/two").then().statusCode(404);
        // The failed creates reserved nothing: with a quota of 2 instances, a second one still fits.
        Instances.create(tenant, "three");
    }
}
