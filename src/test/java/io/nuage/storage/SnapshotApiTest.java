package io.nuage.storage;

import static io.nuage.api.TestApi.admin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nuage.api.TestApi;
import io.nuage.compute.Instances;
import io.nuage.kubevirt.DataVolume;
import io.nuage.kubevirt.VirtualMachineRestore;
import io.nuage.kubevirt.VirtualMachineSnapshot;
import io.nuage.reconciler.Cluster;
import io.nuage.support.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Snapshots of instances, their restores, and volumes made from them. */
@QuarkusTest
class SnapshotApiTest {

    @Inject
    Cluster cluster;

    private KubernetesClient k8s() {
        return cluster.client();
    }

    private static JsonPath snapshot(String tenant, String name) {
        return admin().get("/v1/tenants/" + tenant + "/snapshots/" + name).then().extract().jsonPath();
    }

    private static JsonPath awaitSnapshot(String tenant, String name, String phase) {
        Await.until(Duration.ofSeconds(30), "snapshot " + name + " " + phase, () -> phase.equals(snapshot(tenant, name).getString("status.phase")));
        return snapshot(tenant, name);
    }

    /** An instance with volumes data and logs, running. */
    private static String tenantWithInstance() {
        String tenant = TestApi.createTenant();
        Volumes.create(tenant, "data", 10);
        Volumes.create(tenant, "logs", 2);
        Map<String, Object> body = Instances.body("web", 1, 512);
        body.put("volumes", List.of("data", "logs"));
        admin().body(body).post("/v1/tenants/" + tenant + "/instances").then().statusCode(201);
        Instances.awaitPhase(tenant, "web", "running");
        return tenant;
    }

    @Test
    void aSnapshotIsTakenRestoredOntoTheStoppedInstanceAndGivesVolumes() {
        String tenant = tenantWithInstance();
        String snapshots = "/v1/tenants/" + tenant + "/snapshots";
        admin().body(Map.of("name", "before-upgrade", "instance", "web")).post(snapshots).then().statusCode(201)
                .body("instance", equalTo("web")).body("status.phase", equalTo("pending"));
        JsonPath ready = awaitSnapshot(tenant, "before-upgrade", "ready");
        assertEquals(List.of("data", "logs"), ready.getList("status.volumes"));
        VirtualMachineSnapshot vms = k8s().resources(VirtualMachineSnapshot.class).inNamespace("nuage-" + tenant)
                .withName("before-upgrade").get();
        assertEquals("web", vms.getSpec().source.getName());
        assertEquals("VirtualMachine", vms.getSpec().source.getKind());
        assertEquals(ready.getString("id"), vms.getMetadata().getLabels().get("nuage.io/resource-id"));

        admin().post(snapshots + "/before-upgrade/restore").then().statusCode(409).body("code", equalTo("instance_running"));
        admin().post("/v1/tenants/" + tenant + "/instances/web/stop").then().statusCode(202);
        Instances.awaitPhase(tenant, "web", "stopped");
        admin().post(snapshots + "/before-upgrade/restore").then().statusCode(202).body("status.restore.phase", equalTo("in_progress"));
        Await.until(Duration.ofSeconds(30), "restore complete",
                () -> "complete".equals(snapshot(tenant, "before-upgrade").getString("status.restore.phase")));
        assertNotNull(snapshot(tenant, "before-upgrade").getString("status.restore.restored_at"));
        VirtualMachineRestore restore = k8s().resources(VirtualMachineRestore.class).inNamespace("nuage-" + tenant)
                .withName("before-upgrade-restore-1").get();
        assertEquals("InPlace", restore.getSpec().volumeRestorePolicy);
        assertEquals("None", restore.getSpec().volumeOwnershipPolicy, "restored volumes stay the volumes' own");
        assertEquals("web", restore.getSpec().target.getName());

        String volumes = "/v1/tenants/" + tenant + "/volumes";
        admin().body(Map.of("name", "copy", "size_gib", 10, "source", Map.of("snapshot", "before-upgrade")))
                .post(volumes).then().statusCode(422).body("code", equalTo("snapshot_volume_required"))
                .body("volumes", contains("data", "logs"));
        admin().body(Map.of("name", "copy", "size_gib", 10, "source", Map.of("snapshot", "before-upgrade", "volume", "nope")))
                .post(volumes).then().statusCode(422).body("code", equalTo("snapshot_volume_not_found"));
        admin().body(Map.of("name", "copy", "size_gib", 10, "source", Map.of("snapshot", "before-upgrade", "volume", "data")))
                .post(volumes).then().statusCode(201).body("source.snapshot", equalTo("before-upgrade"))
                .body("source.volume", equalTo("data"));
        admin().delete(snapshots + "/before-upgrade").then().statusCode(409).body("code", equalTo("snapshot_in_use"))
                .body("volumes", contains("copy"));
        Volumes.awaitPhase(tenant, "copy", "ready");
        DataVolume dv = k8s().resources(DataVolume.class).inNamespace("nuage-" + tenant).withName("copy").get();
        assertEquals("nuage-" + tenant, dv.getSpec().source.snapshot.namespace);
        assertTrue(dv.getSpec().source.snapshot.name.endsWith("-volume-vol-data"), dv.getSpec().source.snapshot.name);

        // A restore overwrites volumes by name: not once the instance has lost one of them.
        admin().delete("/v1/tenants/" + tenant + "/instances/web/volumes/logs").then().statusCode(202);
        admin().post(snapshots + "/before-upgrade/restore").then().statusCode(409).body("code", equalTo("snapshot_volumes_changed"))
                .body("volumes", contains("logs"));

        // Deleting the snapshot leaves the volume made from it alone.
        admin().delete(snapshots + "/before-upgrade").then().statusCode(202);
        Await.until(Duration.ofSeconds(30), "snapshot gone", () -> admin().get(snapshots + "/before-upgrade").statusCode() == 404);
        Await.until(Duration.ofSeconds(30), "VirtualMachineSnapshot gone", () -> k8s().resources(VirtualMachineSnapshot.class)
                .inNamespace("nuage-" + tenant).withName("before-upgrade").get() == null);
        Volumes.awaitPhase(tenant, "copy", "ready");
        // The name is free again; a second snapshot under it is refused while the first lives.
        admin().body(Map.of("name", "before-upgrade", "instance", "web")).post(snapshots).then().statusCode(201);
        admin().body(Map.of("name", "before-upgrade", "instance", "web")).post(snapshots).then().statusCode(409)
                .body("code", equalTo("already_exists"));
    }

    @Test
    void twoUnnamedSnapshotsOfOneInstanceInTheSameSecondGetTwoReadableNames() {
        String tenant = TestApi.createTenant();
        String snapshots = "/v1/tenants/" + tenant + "/snapshots";
        String instance = "a-rather-long-instance-name-that-fills-fifty-chars";
        Instances.create(tenant, instance);
        // Back to back, both usually fall in the same second; a pair that straddles two is tried again.
        for (int pair = 0; pair < 5; pair++) {
            JsonPath first = admin().body(Map.of("instance", instance)).post(snapshots).then().statusCode(201).extract().jsonPath();
            JsonPath second = admin().body(Map.of("instance", instance)).post(snapshots).then().statusCode(201).extract().jsonPath();
            if (second(first).equals(second(second))) {
                assertNotEquals(first.getString("name"), second.getString("name"));
                for (JsonPath s : List.of(first, second)) {
                    String name = s.getString("name");
                    assertTrue(name.matches("a-rather-long-instance-name-t-\\d{8}-\\d{6}-[a-z0-9]{4}"), name);
                    assertTrue(name.length() <= 50, name);
                }
                return;
            }
        }
        fail("no two snapshots created in the same second in 5 tries");
    }

    private static Instant second(JsonPath snapshot) {
        return Instant.parse(snapshot.getString("created_at")).truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void snapshotErrorsAreExplicit() {
        String tenant = TestApi.createTenant();
        String snapshots = "/v1/tenants/" + tenant + "/snapshots";
        admin().body(Map.of("name", "s", "instance", "ghost")).post(snapshots).then().statusCode(422)
                .body("code", equalTo("instance_not_found"));
        admin().body(Map.of("name", "Bad Name", "instance", "ghost")).post(snapshots).then().statusCode(400)
                .body("errors.field", hasItem("name"));
        Instances.create(tenant, "one");
        admin().body(Map.of("instance", "one")).post(snapshots).then().statusCode(201)
                .body("name", org.hamcrest.Matchers.matchesPattern("one-\\d{8}-\\d{6}-[a-z0-9]{4}"));
        admin().body(Map.of("name", "s", "instance", "one")).post(snapshots).then().statusCode(201);
        admin().body(Map.of("name", "s", "instance", "one")).post(snapshots).then().statusCode(409).body("code", equalTo("already_exists"));
        admin().post(snapshots + "/nope/restore").then().statusCode(404);
        admin().body(Map.of("name", "v", "size_gib", 1, "source", Map.of("snapshot", "ghost"))).post("/v1/tenants/" + tenant + "/volumes")
                .then().statusCode(422).body("code", equalTo("snapshot_not_found"));
        admin().body(Map.of("name", "v", "size_gib", 1, "source", Map.of("blank", Map.of(), "volume", "x")))
                .post("/v1/tenants/" + tenant + "/volumes").then().statusCode(400).body("errors.field", hasItem("source.volume"));
        admin().get(snapshots).then().statusCode(200).body("items.name", hasItem("s"));
        admin().delete("/v1/tenants/" + tenant + "/instances/one").then().statusCode(202);
        Await.until(Duration.ofSeconds(30), "instance gone", () -> admin().get("/v1/tenants/" + tenant + "/instances/one").statusCode() == 404);
        admin().delete("/v1/tenants/" + tenant).then().statusCode(409).body("snapshots", equalTo(2));
    }
}
