package io.nuage.reconciler;

import static io.nuage.api.TestApi.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nuage.api.TestApi;
import io.nuage.compute.Instances;
import io.nuage.kubevirt.DataVolume;
import io.nuage.kubevirt.DataVolumeSource;
import io.nuage.kubevirt.DesiredInstance;
import io.nuage.kubevirt.DesiredVolume;
import io.nuage.kubevirt.InstanceObjects;
import io.nuage.kubevirt.Labels;
import io.nuage.kubevirt.SnapshotObjects;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.kubevirt.VirtualMachineInstance;
import io.nuage.kubevirt.VirtualMachineSnapshot;
import io.nuage.kubevirt.VolumeObjects;
import io.nuage.storage.Volumes;
import io.nuage.support.Await;
import io.quarkus.arc.All;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Nuage touches only what carries its installation's label: its resync never deletes another installation's objects,
 * nor data it does not know; the label costs no write; objects from before the label are taken back at start.
 */
@QuarkusTest
class InstallationLabelTest {

    @Inject
    Cluster cluster;
    @Inject
    Resync resync;
    @Inject
    Installation installation;
    @Inject
    LegacyObjects legacy;
    @Inject
    @All
    List<KindReconciler> reconcilers;
    @Inject
    TenantReconciler tenants;
    @Inject
    InstanceReconciler instances;

    private KubernetesClient k8s() {
        return cluster.client();
    }

    @Test
    void aCreatedInstanceCostsItsVirtualMachinesCreateAndIdlePassesWriteNothing() {
        String tenant = TestApi.createTenant();
        String namespace = "nuage-" + tenant;
        Await.until(Duration.ofSeconds(30), "the tenant's namespace, quota and policies",
                () -> writes(namespace).getOrDefault("POST networkpolicies 201", 0L) == 2);
        Map<String, Long> before = writes(namespace);

        Instances.create(tenant, "lean");
        Instances.awaitPhase(tenant, "lean", "running");
        Map<String, Long> created = writes(namespace);
        assertEquals(Map.of("POST virtualmachines 201", 1L), difference(before, created));

        UUID tenantId = UUID.fromString(admin().get("/v1/tenants/" + tenant).then().extract().path("id"));
        tenants.reconcile(tenantId);
        instances.reconcile(UUID.fromString(Instances.get(tenant, "lean").getString("id")));
        resync.run();
        assertEquals(created, writes(namespace), "passes over a tenant and an instance as wanted wrote something");
    }

    @Test
    void anotherInstallationsObjectsAndUnlabelledOnesAreNeverDeleted() {
        String tenant = TestApi.createTenant();
        String namespace = "nuage-" + tenant;
        VirtualMachine theirs = labelled(vm(namespace, "theirs"), UUID.randomUUID().toString());
        VirtualMachine unlabelled = vm(namespace, "unlabelled");
        VirtualMachine ours = installation.stamp(vm(namespace, "our-orphan"));
        k8s().resource(theirs).create();
        k8s().resource(unlabelled).create();
        k8s().resource(ours).create();

        Await.until(Duration.ofSeconds(30), "our orphan deleted by a resync", () -> {
            resync.run();
            return get(VirtualMachine.class, namespace, "our-orphan") == null;
        });
        VirtualMachine after = get(VirtualMachine.class, namespace, "theirs");
        assertNotNull(after, "another installation's VirtualMachine is left alone");
        assertEquals(theirs.getMetadata().getLabels(), after.getMetadata().getLabels(), "and unchanged");
        assertEquals("Halted", after.getSpec().runStrategy);
        assertNotNull(get(VirtualMachine.class, namespace, "unlabelled"), "one without an installation is no one's to delete");
        k8s().resource(theirs).delete();
        k8s().resource(unlabelled).delete();
    }

    @Test
    void dataWhoseResourceThisDatabaseNeverHadIsReportedAndKept() {
        String tenant = TestApi.createTenant();
        String namespace = "nuage-" + tenant;
        Volumes.create(tenant, "gone", 1);
        Volumes.awaitPhase(tenant, "gone", "ready");
        UUID gone = UUID.fromString(Volumes.get(tenant, "gone").getString("id"));
        admin().delete("/v1/tenants/" + tenant + "/volumes/gone").then().statusCode(202);
        Await.until(Duration.ofSeconds(30), "the volume deleted", () -> Volumes.get(tenant, "gone").getString("id") == null);

        // Left by this database's deleted volume (its tombstone says so): collected as before.
        k8s().resource(installation.stamp(dataVolume(tenant, "leftover", gone))).create();
        // Naming resources this database never had: a newer state's, before a restore from an older backup.
        k8s().resource(installation.stamp(dataVolume(tenant, "stranger", UUID.randomUUID()))).create();
        k8s().resource(installation.stamp(SnapshotObjects.snapshot(UUID.randomUUID(), tenant, namespace, "stranger", "web"))).create();

        Await.until(Duration.ofSeconds(30), "the deleted volume's DataVolume collected", () -> {
            resync.run();
            return get(DataVolume.class, namespace, "leftover") == null;
        });
        assertNotNull(get(DataVolume.class, namespace, "stranger"), "unknown data is kept");
        assertNotNull(get(VirtualMachineSnapshot.class, namespace, "stranger"), "unknown snapshots too");
        String metrics = admin().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(gauge(metrics, "nuage_unknown_objects", "DataVolume") >= 1, metrics);
        assertTrue(gauge(metrics, "nuage_unknown_objects", "VirtualMachineSnapshot") >= 1, metrics);
        k8s().resources(DataVolume.class).inNamespace(namespace).withName("stranger").delete();
        k8s().resources(VirtualMachineSnapshot.class).inNamespace(namespace).withName("stranger").delete();
    }

    @Test
    void objectsWrittenBeforeInstallationsHadIdsAreTakenBackAtStart() {
        String tenant = TestApi.createTenant();
        String namespace = "nuage-" + tenant;
        Instances.create(tenant, "elder");
        Instances.awaitPhase(tenant, "elder", "running");
        String uid = get(VirtualMachine.class, namespace, "elder").getMetadata().getUid();
        // As Nuage wrote them before: no installation label on the VM, its template, nor the VMI KubeVirt made from it.
        k8s().resources(VirtualMachine.class).inNamespace(namespace).withName("elder").edit(vm -> {
            vm.getMetadata().getLabels().remove(Labels.INSTALLATION);
            vm.getSpec().template.metadata.labels.remove(Labels.INSTALLATION);
            return vm;
        });
        k8s().resources(VirtualMachineInstance.class).inNamespace(namespace).withName("elder").edit(vmi -> {
            vmi.getMetadata().getLabels().remove(Labels.INSTALLATION);
            return vmi;
        });
        k8s().resource(vm(namespace, "stranger")).create();

        legacy.adopt(reconcilers);

        VirtualMachine elder = get(VirtualMachine.class, namespace, "elder");
        assertEquals(uid, elder.getMetadata().getUid(), "the same VirtualMachine, labelled, not a new one");
        assertTrue(installation.owns(elder));
        assertEquals(installation.id(), elder.getSpec().template.metadata.labels.get(Labels.INSTALLATION));
        assertTrue(installation.owns(get(VirtualMachineInstance.class, namespace, "elder")));
        assertNull(get(VirtualMachine.class, namespace, "stranger").getMetadata().getLabels().get(Labels.INSTALLATION),
                "a VirtualMachine of a resource this database never had is not taken");
        Instances.awaitPhase(tenant, "elder", "running");
        Await.until(Duration.ofSeconds(30), "elder synced", () -> "True".equals(
                Instances.get(tenant, "elder").getString("status.conditions.find { it.type == 'Synced' }.status")));
        k8s().resources(VirtualMachine.class).inNamespace(namespace).withName("stranger").delete();
    }

    private static VirtualMachine vm(String namespace, String name) {
        return InstanceObjects.virtualMachine(new DesiredInstance(UUID.randomUUID(), namespace.substring("nuage-".length()),
                namespace, name, 1, 512, Instances.IMAGE, null, null, null, false));
    }

    private static DataVolume dataVolume(String tenant, String name, UUID id) {
        return VolumeObjects.dataVolume(new DesiredVolume(id, tenant, "nuage-" + tenant, name, 1, null, DataVolumeSource.blank()));
    }

    private static <T extends HasMetadata> T labelled(T o, String installation) {
        Map<String, String> labels = new HashMap<>(o.getMetadata().getLabels());
        labels.put(Labels.INSTALLATION, installation);
        o.getMetadata().setLabels(labels);
        return o;
    }

    private <T extends HasMetadata> T get(Class<T> type, String namespace, String name) {
        return k8s().resources(type).inNamespace(namespace).withName(name).get();
    }

    /** Nuage's writes in the namespace, by "METHOD resource status". */
    private Map<String, Long> writes(String namespace) {
        Map<String, Long> writes = new TreeMap<>(cluster.simulated().requestCounts(namespace));
        writes.keySet().removeIf(k -> k.startsWith("GET "));
        return writes;
    }

    private static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> difference = new TreeMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d != 0) {
                difference.put(k, d);
            }
        });
        return difference;
    }

    private static double gauge(String metrics, String name, String kind) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*kind=\"" + kind + "\"[^}]*\\} (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
