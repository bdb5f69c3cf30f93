package io.nuage.reconciler;

import static io.nuage.api.TestApi.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nuage.api.TestApi;
import io.nuage.compute.Instances;
import io.nuage.kubevirt.DesiredInstance;
import io.nuage.kubevirt.InstanceObjects;
import io.nuage.kubevirt.Labels;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.support.Await;
import io.nuage.support.FreshClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The reconciler restores what was changed by hand and removes what is not ours any more. */
@QuarkusTest
@TestProfile(FreshClusterProfile.Repair.class)
class ReconcilerRepairTest {

    @Inject
    Cluster cluster;

    @Inject
    Resync resync;

    @Inject
    Installation installation;

    private KubernetesClient k8s() {
        return cluster.client();
    }

    private VirtualMachine vm(String tenant, String name) {
        return k8s().resources(VirtualMachine.class).inNamespace("nuage-" + tenant).withName(name).get();
    }

    @Test
    void virtualMachineDeletedByHandComesBack() {
        String tenant = TestApi.createTenant();
        Instances.create(tenant, "phoenix");
        Instances.awaitPhase(tenant, "phoenix", "running");
        String uid = vm(tenant, "phoenix").getMetadata().getUid();

        k8s().resources(VirtualMachine.class).inNamespace("nuage-" + tenant).withName("phoenix").delete();

        Await.until(Duration.ofSeconds(30), "VM recreated", () -> {
            VirtualMachine vm = vm(tenant, "phoenix");
            return vm != null && !uid.equals(vm.getMetadata().getUid());
        });
        Instances.awaitPhase(tenant, "phoenix", "running");
    }

    @Test
    void virtualMachineEditedByHandIsRestored() {
        String tenant = TestApi.createTenant();
        Instances.create(tenant, "drift");
        Instances.awaitPhase(tenant, "drift", "running");

        k8s().resources(VirtualMachine.class).inNamespace("nuage-" + tenant).withName("drift").edit(vm -> {
            vm.getSpec().runStrategy = "Halted";
            vm.getSpec().template.spec.domain.cpu.cores = 8;
            return vm;
        });

        Await.until(Duration.ofSeconds(30), "VM spec restored", () -> {
            VirtualMachine vm = vm(tenant, "drift");
            return "Always".equals(vm.getSpec().runStrategy) && vm.getSpec().template.spec.domain.cpu.cores == 1;
        });
        Instances.awaitPhase(tenant, "drift", "running");
    }

    @Test
    void ourLabelEditedByHandIsRestored() {
        String tenant = TestApi.createTenant();
        Instances.create(tenant, "relabelled");
        Instances.awaitPhase(tenant, "relabelled", "running");

        // Metadata: a real API server keeps the generation, so a pass cannot tell the edit from the generation alone.
        k8s().resources(VirtualMachine.class).inNamespace("nuage-" + tenant).withName("relabelled").edit(vm -> {
            vm.getMetadata().getLabels().put(Labels.TENANT, "someone-else");
            return vm;
        });

        Await.until(Duration.ofSeconds(30), "VM label restored",
                () -> tenant.equals(vm(tenant, "relabelled").getMetadata().getLabels().get(Labels.TENANT)));
    }

    @Test
    void orphanWithOurLabelsAndNoInstanceIsDeleted() {
        String tenant = TestApi.createTenant();
        Instances.create(tenant, "real");
        Instances.awaitPhase(tenant, "real", "running");
        VirtualMachine orphan = installation.stamp(InstanceObjects.virtualMachine(new DesiredInstance(UUID.randomUUID(), tenant,
                "nuage-" + tenant, "orphan", 1, 512, Instances.IMAGE, null, null, null, true)));
        k8s().resource(orphan).create();
        Await.until(Duration.ofSeconds(10), "orphan in the cache", () -> cluster.client().resources(VirtualMachine.class)
                .inNamespace("nuage-" + tenant).withName("orphan").get() != null);

        Await.until(Duration.ofSeconds(30), "orphan deleted by a resync", () -> {
            resync.run();
            return vm(tenant, "orphan") == null;
        });
        assertNotNull(vm(tenant, "real"), "the instance's own VM is kept");
    }

    @Test
    void everythingConvergesWith30PercentApiErrors() {
        String tenant = TestApi.createTenant();
        cluster.simulated().setApiErrorRate(0.3);
        try {
            for (int i = 0; i < 10; i++) {
                Instances.create(tenant, "flaky-" + i);
            }
            for (int i = 0; i < 10; i++) {
                Instances.awaitPhase(tenant, "flaky-" + i, "running");
            }
            admin().post("/v1/tenants/" + tenant + "/instances/flaky-0/stop").then().statusCode(202);
            Instances.awaitPhase(tenant, "flaky-0", "stopped");
            admin().delete("/v1/tenants/" + tenant + "/instances/flaky-1").then().statusCode(202);
            Await.until(Duration.ofSeconds(30), "delete under errors",
                    () -> admin().get("/v1/tenants/" + tenant + "/instances/flaky-1").statusCode() == 404);

            // Volumes, attachments and snapshots converge the same way.
            admin().body(java.util.Map.of("name", "disk", "size_gib", 5, "source",
                    java.util.Map.of("image_url", "https://images.example.org/d.img"))).post("/v1/tenants/" + tenant + "/volumes")
                    .then().statusCode(201);
            io.nuage.storage.Volumes.awaitPhase(tenant, "disk", "ready");
            admin().body(java.util.Map.of("volume", "disk")).post("/v1/tenants/" + tenant + "/instances/flaky-2/volumes")
                    .then().statusCode(202);
            Await.until(Duration.ofSeconds(30), "hot-plugged under errors", () -> "True".equals(io.nuage.storage.Volumes
                    .get(tenant, "disk").getString("status.conditions.find { it.type == 'Attached' }.status")));
            admin().body(java.util.Map.of("name", "snap", "instance", "flaky-2")).post("/v1/tenants/" + tenant + "/snapshots")
                    .then().statusCode(201);
            Await.until(Duration.ofSeconds(30), "snapshot under errors", () -> "ready".equals(admin()
                    .get("/v1/tenants/" + tenant + "/snapshots/snap").then().extract().path("status.phase")));
        } finally {
            cluster.simulated().setApiErrorRate(0);
        }
        assertNull(vm(tenant, "flaky-1"));
        assertEquals("Halted", vm(tenant, "flaky-0").getSpec().runStrategy);
    }

    @Test
    void kubernetesErrorsShowInTheSyncedCondition() {
        String tenant = TestApi.createTenant();
        cluster.simulated().setApiErrorRate(1.0);
        try {
            Instances.create(tenant, "blocked");
            Await.until(Duration.ofSeconds(30), "Synced=False with the API error", () -> {
                var j = Instances.get(tenant, "blocked");
                return "False".equals(j.getString("status.conditions.find { it.type == 'Synced' }.status"))
                        && j.getString("status.message").startsWith("Kubernetes API error");
            });
        } finally {
            cluster.simulated().setApiErrorRate(0);
        }
        Instances.awaitPhase(tenant, "blocked", "running");
        assertEquals("True", Instances.get(tenant, "blocked").getString("status.conditions.find { it.type == 'Synced' }.status"));
    }

    @Test
    void patchLabelsDoesNotRewriteTheVirtualMachine() {
        String tenant = TestApi.createTenant();
        Instances.create(tenant, "quiet");
        Instances.awaitPhase(tenant, "quiet", "running");
        String rv = vm(tenant, "quiet").getMetadata().getResourceVersion();
        admin().body(Map.of("labels", Map.of("team", "a"))).patch("/v1/tenants/" + tenant + "/instances/quiet").then().statusCode(200);
        Instances.awaitPhase(tenant, "quiet", "running");
        // Tenant labels live in Nuage only: the VM was not written.
        assertEquals(rv, vm(tenant, "quiet").getMetadata().getResourceVersion());
    }
}
