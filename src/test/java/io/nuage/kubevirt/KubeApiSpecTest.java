package io.nuage.kubevirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Every kind Nuage builds, as Fabric8 serializes it, checked against the upstream OpenAPI
 * documents in ../shared/kube-api-specs (read in place, never copied into the project).
 */
class KubeApiSpecTest {

    private static final Path SPECS = Path.of("../shared/kube-api-specs");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static SwaggerValidator kubevirt;
    private static SwaggerValidator kubernetes;
    private static SwaggerValidator cdi;
    private static SwaggerValidator multus;

    @BeforeAll
    static void loadSpecs() throws Exception {
        if (Files.isDirectory(SPECS)) {
            kubevirt = SwaggerValidator.swagger(SPECS.resolve("kubevirt-v1.9.0-swagger.json"));
            kubernetes = SwaggerValidator.swagger(SPECS.resolve("kubernetes-v1.35.0-swagger.json"));
            cdi = SwaggerValidator.swagger(SPECS.resolve("cdi-v1.66.0-swagger.json"));
            multus = SwaggerValidator.crd(SPECS.resolve("nad-v1.7.7-crd.yaml"));
        }
    }

    /** Per test rather than per class, so reports count each test as skipped, with the reason. */
    @BeforeEach
    void requireSpecs() {
        assumeTrue(Files.isDirectory(SPECS), "../shared/kube-api-specs not found: skipping");
    }

    @Test
    void virtualMachinesAreValid() {
        for (DesiredInstance d : List.of(
                Fixtures.instance(),
                Fixtures.instance(List.of(), null, false),
                Fixtures.instance(List.of(Fixtures.SSH_KEY), null, true),
                Fixtures.instance(List.of(), Fixtures.USER_DATA, true))) {
            assertValid(kubevirt, InstanceObjects.virtualMachine(d), "v1.VirtualMachine");
        }
        DesiredInstance d = Fixtures.instance();
        DesiredInstance withVolumes = new DesiredInstance(d.id(), d.tenant(), d.namespace(), d.name(), d.vcpus(), d.memoryMib(),
                d.image(), d.sshKeys(), d.userData(), d.labels(), true, List.of(), List.of(new DesiredInstance.AttachedVolume("data", false),
                        new DesiredInstance.AttachedVolume("logs", true)));
        assertValid(kubevirt, InstanceObjects.virtualMachine(withVolumes), "v1.VirtualMachine");
        DesiredInstance liveKeys = new DesiredInstance(d.id(), d.tenant(), d.namespace(), d.name(), d.vcpus(), d.memoryMib(),
                d.image(), d.sshKeys(), List.of("fedora", "cloud-user"), d.userData(), d.labels(), true, List.of(), List.of(), null, null);
        VirtualMachine vm = InstanceObjects.virtualMachine(liveKeys);
        assertEquals(2, vm.getSpec().template.spec.accessCredentials.size());
        assertValid(kubevirt, vm, "v1.VirtualMachine");
        assertValid(kubernetes, InstanceSecrets.guestAgentKeysSecret(liveKeys), "io.k8s.api.core.v1.Secret");
        DesiredInstance typed = new DesiredInstance(d.id(), d.tenant(), d.namespace(), d.name(), d.vcpus(), d.memoryMib(),
                d.image(), d.sshKeys(), List.of(), d.userData(), d.labels(), true, List.of(), List.of(), "nuage-3f0c2a4e-s-2-4", null);
        VirtualMachine typedVm = InstanceObjects.virtualMachine(typed);
        assertEquals("VirtualMachineClusterInstancetype", typedVm.getSpec().instancetype.kind);
        assertValid(kubevirt, typedVm, "v1.VirtualMachine");
        DesiredInstance booted = new DesiredInstance(d.id(), d.tenant(), d.namespace(), d.name(), d.vcpus(), d.memoryMib(),
                null, d.sshKeys(), List.of(), d.userData(), d.labels(), true, List.of(), List.of(), null,
                new DesiredInstance.BootDisk("nuage-images", "fedora-41", 20));
        DesiredInstance placed = new DesiredInstance(d.id(), d.tenant(), d.namespace(), d.name(), d.vcpus(), d.memoryMib(),
                d.image(), d.sshKeys(), List.of(), d.userData(), d.labels(), true, List.of(), List.of(), null, null, "fr-par");
        assertValid(kubevirt, InstanceObjects.virtualMachine(placed), "v1.VirtualMachine");
        VirtualMachine bootedVm = InstanceObjects.virtualMachine(booted);
        assertEquals("DataSource", bootedVm.getSpec().dataVolumeTemplates.get(0).spec.sourceRef.kind);
        assertEquals("web-1.boot", bootedVm.getSpec().template.spec.volumes.get(0).dataVolume.name);
        assertValid(kubevirt, bootedVm, "v1.VirtualMachine");
    }

    @Test
    void clusterInstancetypesAreValid() {
        for (boolean dedicated : List.of(false, true)) {
            assertValid(kubevirt, InstanceTypeObjects.instancetype("nuage-3f0c2a4e-s-2-4", Fixtures.INSTANCE_ID, 2, 4096, dedicated),
                    "v1beta1.VirtualMachineClusterInstancetype");
        }
    }

    @Test
    void theStatusFieldsWeReadExist() {
        VirtualMachine vm = InstanceObjects.virtualMachine(Fixtures.instance());
        Condition ready = new Condition("Ready", "True", "", "", "2026-11-23T15:20:00Z");
        vm.setStatus(new VirtualMachineStatus("Running", true, true, List.of(ready), 2L));
        assertValid(kubevirt, vm, "v1.VirtualMachine");

        VirtualMachineInstance vmi = new VirtualMachineInstance();
        vmi.setMetadata(vm.getMetadata());
        RunningGuestSpec guest = new RunningGuestSpec(); // what Nuage reads of a VMI's spec
        guest.domain = new RunningGuestSpec.Domain();
        guest.domain.cpu = vm.getSpec().template.spec.domain.cpu;
        guest.domain.memory = vm.getSpec().template.spec.domain.memory;
        vmi.setSpec(guest);
        vmi.setStatus(new VirtualMachineInstanceStatus("Running", "node-3", List.of(
                new VirtualMachineInstanceNetworkInterface("default", "10.244.1.17", List.of("10.244.1.17"))),
                List.of(ready)));
        vmi.getStatus().volumeStatus = List.of(new VolumeStatus("vol-logs", "sda", "Ready", java.util.Map.of()));
        // A VMI's spec is its VM's template (devices and all); Nuage reads only the CPU and memory of it, where they are.
        ObjectNode read = (ObjectNode) SERIALIZATION.unmarshal(SERIALIZATION.asJson(vmi), JsonNode.class);
        ObjectNode spec = (ObjectNode) SERIALIZATION.unmarshal(SERIALIZATION.asJson(vm.getSpec().template.spec), JsonNode.class);
        assertEquals(read.get("spec").get("domain").get("cpu"), spec.get("domain").get("cpu"));
        assertEquals(read.get("spec").get("domain").get("memory"), spec.get("domain").get("memory"));
        read.set("spec", spec);
        assertEquals(List.of(), kubevirt.validateJson(read.toString(), "v1.VirtualMachineInstance"));
    }

    @Test
    void dataVolumesAreValid() {
        for (DataVolumeSource source : List.of(DataVolumeSource.blank(), DataVolumeSource.http("https://example.org/x.qcow2"),
                DataVolumeSource.registry("docker://quay.io/containerdisks/fedora:41"),
                DataVolumeSource.snapshot("nuage-acme", "vmsnapshot-1-volume-data"))) {
            DataVolume dv = VolumeObjects.dataVolume(new DesiredVolume(java.util.UUID.randomUUID(), "acme", "nuage-acme",
                    "data", 10, "fast", source));
            assertValid(cdi, dv, "v1beta1.DataVolume");
        }
        DataVolume read = VolumeObjects.dataVolume(new DesiredVolume(java.util.UUID.randomUUID(), "acme", "nuage-acme",
                "data", 10, null, DataVolumeSource.blank()));
        read.setStatus(new DataVolumeStatus("ImportInProgress", "45.50%",
                List.of(new Condition("Ready", "False", "Pod is running", "Import in progress", "2026-11-23T15:20:00Z"))));
        assertValid(cdi, read, "v1beta1.DataVolume");
    }

    @Test
    void imageObjectsAreValid() {
        java.util.UUID id = java.util.UUID.randomUUID();
        for (DataVolumeSource source : List.of(
                DataVolumeSource.http("https://example.org/f41.qcow2", "sha256:" + "ab".repeat(32)),
                DataVolumeSource.registry("docker://quay.io/containerdisks/fedora:41"),
                DataVolumeSource.snapshot("nuage-acme", "vmsnapshot-1-volume-vol-root"))) {
            for (DesiredImage d : List.of(new DesiredImage(id, "acme", "nuage-acme", "img-golden", 10, null, source),
                    new DesiredImage(id, null, "nuage-images", "fedora-41", 10, "fast", source))) {
                assertValid(cdi, ImageObjects.dataVolume(d), "v1beta1.DataVolume");
                assertValid(cdi, ImageObjects.dataSource(d), "v1beta1.DataSource");
            }
        }
        DataSource read = ImageObjects.dataSource(new DesiredImage(id, null, "nuage-images", "fedora-41", 10, null,
                DataVolumeSource.blank()));
        read.setStatus(new DataSourceStatus(List.of(new Condition("Ready", "True", "Ready", "", "2026-11-23T15:20:00Z"))));
        assertValid(cdi, read, "v1beta1.DataSource");
        assertValid(kubernetes, ImageObjects.catalogNamespace("nuage-images"), "io.k8s.api.core.v1.Namespace");
        assertValid(kubernetes, ImageObjects.catalogRoleBinding("nuage-images", "nuage-system", "nuage"),
                "io.k8s.api.rbac.v1.RoleBinding");
    }

    @Test
    void snapshotsAndRestoresAreValid() {
        java.util.UUID id = java.util.UUID.randomUUID();
        assertValid(kubevirt, SnapshotObjects.snapshot(id, "acme", "nuage-acme", "nightly", "web-1"),
                "v1beta1.VirtualMachineSnapshot");
        assertValid(kubevirt, SnapshotObjects.restore(id, "acme", "nuage-acme", "nightly", "web-1", 1),
                "v1beta1.VirtualMachineRestore");
    }

    /**
     * A disk export's token Secret and VirtualMachineExport (export.kubevirt.io/v1beta1, whose fields are v1's: the
     * document lists v1 only), and a status as KubeVirt writes it, read back through our model.
     */
    @Test
    void volumeExportsAreValid() {
        DesiredVolumeExport d = new DesiredVolumeExport(java.util.UUID.randomUUID(), "acme", "nuage-acme", "os", "t0ken", 3600, true);
        assertValid(kubernetes, VolumeExportObjects.tokenSecret(d), "io.k8s.api.core.v1.Secret");
        assertValid(kubevirt, VolumeExportObjects.export(d), "v1.VirtualMachineExport");
        String url = "https://vmexport-proxy.example/api/export.kubevirt.io/v1beta1/namespaces/nuage-acme/virtualmachineexports/x/volumes/os/";
        VirtualMachineExport read = SERIALIZATION.unmarshal("""
                {"apiVersion":"export.kubevirt.io/v1beta1","kind":"VirtualMachineExport",
                 "metadata":{"name":"x","namespace":"nuage-acme"},
                 "spec":{"source":{"apiGroup":"","kind":"PersistentVolumeClaim","name":"os"},"tokenSecretRef":"x-token","ttlDuration":"1h0m0s"},
                 "status":{"phase":"Ready","tokenSecretRef":"x-token","ttlExpirationTime":"2026-01-01T10:00:00Z","serviceName":"virt-export-x",
                   "conditions":[{"type":"Ready","status":"True","reason":"PodReady"}],
                   "links":{"external":{"cert":"","volumes":[{"name":"os","formats":[{"format":"raw","url":"%sdisk.img"},
                     {"format":"gzip","url":"%sdisk.img.gz"},{"format":"dir","url":"%sdir"}]}]}}}}""".formatted(url, url, url),
                VirtualMachineExport.class);
        assertValid(kubevirt, read, "v1.VirtualMachineExport");
        assertEquals(List.of(new VolumeExportObjects.Link("raw", url + "disk.img", null), new VolumeExportObjects.Link("gzip", url + "disk.img.gz", null)),
                VolumeExportObjects.links(read, "os"));
    }

    @Test
    void secretsAreValid() {
        DesiredInstance d = Fixtures.instance();
        assertValid(kubernetes, InstanceSecrets.userDataSecret(d), "io.k8s.api.core.v1.Secret");
        assertValid(kubernetes, InstanceSecrets.sshKeysSecret(d), "io.k8s.api.core.v1.Secret");
    }

    @Test
    void tenantObjectsAreValid() {
        DesiredTenant t = Fixtures.tenant();
        assertValid(kubernetes, TenantObjects.namespace(t), "io.k8s.api.core.v1.Namespace");
        assertValid(kubernetes, TenantObjects.resourceQuota(t), "io.k8s.api.core.v1.ResourceQuota");
        assertValid(kubernetes, TenantObjects.resourceQuota(t, new LauncherOverhead(125, 300)),
                "io.k8s.api.core.v1.ResourceQuota");
        assertValid(kubernetes, TenantObjects.networkPolicy(t), "io.k8s.api.networking.v1.NetworkPolicy");
        assertValid(kubernetes, TenantObjects.egressPolicy(t, List.of("10.244.0.0/16", "10.96.0.0/12", "fd10::/64")),
                "io.k8s.api.networking.v1.NetworkPolicy");
        assertValid(kubernetes, TenantObjects.roleBinding(t, "nuage-system", "nuage"), "io.k8s.api.rbac.v1.RoleBinding");
    }

    @Test
    void networkObjectsAreValid() {
        DesiredNetwork n = Fixtures.network();
        assertValid(multus, NetworkObjects.attachmentDefinition(n), "k8s.cni.cncf.io/v1.NetworkAttachmentDefinition");
        assertValid(kubernetes, NetworkObjects.firewallPolicy(n), "io.k8s.api.networking.v1.NetworkPolicy");
    }

    @Test
    void publicAddressServicesAreValid() {
        DesiredPublicIp p = new DesiredPublicIp(java.util.UUID.randomUUID(), "acme", "nuage-acme", "web", "203.0.113.7",
                java.util.UUID.randomUUID(), List.of(new DesiredPublicIp.Port(22, "tcp"), new DesiredPublicIp.Port(53, "udp")));
        io.fabric8.kubernetes.api.model.Service service = PublicIpObjects.service(p);
        assertValid(kubernetes, service, "io.k8s.api.core.v1.Service");
        // The status Nuage reads, as a load balancer writes it.
        service.setStatus(new io.fabric8.kubernetes.api.model.ServiceStatusBuilder().withNewLoadBalancer().addNewIngress()
                .withIp("203.0.113.7").endIngress().endLoadBalancer().build());
        assertValid(kubernetes, service, "io.k8s.api.core.v1.Service");
    }

    @Test
    void virtualMachinesWithNetworksAreValid() {
        DesiredInstance d = Fixtures.instanceOnNetworks();
        DesiredInstance bare = new DesiredInstance(d.id(), d.tenant(), d.namespace(), d.name(), d.vcpus(), d.memoryMib(),
                d.image(), List.of(), null, null, false, d.nics(), List.of());
        assertValid(kubevirt, InstanceObjects.virtualMachine(d), "v1.VirtualMachine");
        assertValid(kubevirt, InstanceObjects.virtualMachine(bare), "v1.VirtualMachine");
    }

    @Test
    void catchesAnUnknownField() {
        ObjectNode vm = vmJson();
        vm.withObject("/spec/template/spec/domain/cpu").put("coresPerSocket", 2);

        assertOnlyError("$.spec.template.spec.domain.cpu.coresPerSocket: unknown field", vm);
    }

    @Test
    void catchesAnUnknownFieldInAnEmptyStruct() {
        ObjectNode vm = vmJson();
        ((ObjectNode) vm.at("/spec/template/spec/domain/devices/interfaces/0/masquerade")).put("ports", 22);

        assertOnlyError("$.spec.template.spec.domain.devices.interfaces[0].masquerade.ports: unknown field", vm);
    }

    @Test
    void catchesAWrongType() {
        ObjectNode vm = vmJson();
        vm.withObject("/spec/template/spec/domain/cpu").put("cores", "2");

        assertOnlyError("$.spec.template.spec.domain.cpu.cores: expected \"integer\" but was STRING", vm);
    }

    @Test
    void catchesABadQuantity() {
        ObjectNode vm = vmJson();
        vm.withObject("/spec/template/spec/domain/memory").put("guest", "2 GiB");
        ObjectNode quota = (ObjectNode) SERIALIZATION.unmarshal(
                SERIALIZATION.asJson(TenantObjects.resourceQuota(Fixtures.tenant())), JsonNode.class);
        quota.withObject("/spec/hard").put("requests.memory", "64Gb");

        assertOnlyError("$.spec.template.spec.domain.memory.guest: invalid quantity '2 GiB'", vm);
        assertEquals(List.of("$.spec.hard.requests.memory: invalid quantity '64Gb'"),
                kubernetes.validateJson(quota.toString(), "io.k8s.api.core.v1.ResourceQuota"));
    }

    @Test
    void catchesAMissingRequiredField() {
        ObjectNode vm = vmJson();
        vm.withObject("/spec").remove("template");

        assertOnlyError("$.spec: missing required field 'template'", vm);
    }

    @Test
    void readsTheOtherSpecsTheSameWay() throws Exception {
        SwaggerValidator cdi = SwaggerValidator.swagger(SPECS.resolve("cdi-v1.66.0-swagger.json"));
        SwaggerValidator nad = SwaggerValidator.crd(SPECS.resolve("nad-v1.7.7-crd.yaml"));
        String dataVolume = """
                {"apiVersion":"cdi.kubevirt.io/v1beta1","kind":"DataVolume",
                 "metadata":{"name":"web-1-root","namespace":"nuage-acme"},
                 "spec":{"source":{"registry":{"url":"docker://quay.io/containerdisks/fedora:41"}},
                         "storage":{"resources":{"requests":{"storage":"20Gi"}}}}}
                """;
        String attachment = """
                {"apiVersion":"k8s.cni.cncf.io/v1","kind":"NetworkAttachmentDefinition",
                 "metadata":{"name":"private","namespace":"nuage-acme"},
                 "spec":{"config":"{\\"cniVersion\\":\\"0.3.1\\",\\"type\\":\\"bridge\\"}"}}
                """;

        assertEquals(List.of(), cdi.validateJson(dataVolume, "v1beta1.DataVolume"));
        assertEquals(List.of(), nad.validateJson(attachment, "k8s.cni.cncf.io/v1.NetworkAttachmentDefinition"));
        assertEquals(List.of("$.spec.storage.resources.requests.storage: invalid quantity '20 GB'"),
                cdi.validateJson(dataVolume.replace("20Gi", "20 GB"), "v1beta1.DataVolume"));
        assertEquals(List.of("$.spec.config: expected \"string\" but was OBJECT"),
                nad.validateJson(attachment.replaceAll("\"config\":\".*\"}}", "\"config\":{}}}"),
                        "k8s.cni.cncf.io/v1.NetworkAttachmentDefinition"));
    }

    private static ObjectNode vmJson() {
        VirtualMachine vm = InstanceObjects.virtualMachine(Fixtures.instance());
        return (ObjectNode) SERIALIZATION.unmarshal(SERIALIZATION.asJson(vm), JsonNode.class);
    }

    private static void assertOnlyError(String expected, ObjectNode vm) {
        assertEquals(List.of(expected), kubevirt.validateJson(vm.toString(), "v1.VirtualMachine"));
    }

    private static void assertValid(SwaggerValidator validator, Object object, String definition) {
        assertTrue(object != null, definition + ": nothing built");
        List<String> errors = validator.validate(object, definition);
        assertEquals(List.of(), errors, definition + " " + SERIALIZATION.asJson(object));
    }
}
