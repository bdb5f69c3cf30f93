package io.nuage.kubevirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

class InstanceObjectsTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @Test
    void virtualMachineCarriesOurLabelsAndNotTheTenants() {
        VirtualMachine vm = InstanceObjects.virtualMachine(Fixtures.instance());

        Map<String, String> expected = Map.of(
                "app.kubernetes.io/managed-by", "nuage",
                "nuage.io/tenant", "acme",
                "nuage.io/resource-id", Fixtures.INSTANCE_ID.toString());
        assertEquals(expected, vm.getMetadata().getLabels());
        assertEquals(expected, vm.getSpec().template.metadata.labels);
        assertEquals("web-1", vm.getMetadata().getName());
        assertEquals("nuage-acme", vm.getMetadata().getNamespace());
        assertEquals("kubevirt.io/v1", vm.getApiVersion());
        assertEquals("VirtualMachine", vm.getKind());
    }

    @Test
    void virtualMachineAsksForTheRequestedCpuAndMemory() {
        DomainSpec domain = InstanceObjects.virtualMachine(Fixtures.instance()).getSpec().template.spec.domain;

        assertEquals(2, domain.cpu.cores);
        assertEquals(1, domain.cpu.sockets);
        assertEquals(1, domain.cpu.threads);
        assertEquals("2048Mi", domain.memory.guest.toString());
        assertEquals("2048Mi", domain.resources.requests.get("memory").toString());
    }

    @Test
    void virtualMachineRunsOnlyOnNodesOfItsRegion() {
        DesiredInstance d = Fixtures.instance();
        DesiredInstance placed = new DesiredInstance(d.id(), d.tenant(), d.namespace(), d.name(), d.vcpus(), d.memoryMib(),
                d.image(), d.sshKeys(), List.of(), d.userData(), d.labels(), true, List.of(), List.of(), null, null, "nl-ams");
        JsonNode affinity = new ObjectMapper().valueToTree(InstanceObjects.virtualMachine(placed)).path("spec").path("template")
                .path("spec").path("affinity");
        JsonNode in = affinity.path("nodeAffinity").path("requiredDuringSchedulingIgnoredDuringExecution")
                .path("nodeSelectorTerms").path(0).path("matchExpressions").path(0);
        assertEquals("topology.kubernetes.io/region", in.path("key").asText());
        assertEquals("In", in.path("operator").asText());
        assertEquals("[\"nl-ams\"]", in.path("values").toString());
        assertNull(InstanceObjects.virtualMachine(d).getSpec().template.spec.affinity, "no region: any node");
    }

    @Test
    void runStrategyFollowsRunning() {
        assertEquals("Always", InstanceObjects.virtualMachine(Fixtures.instance(List.of(), null, true)).getSpec().runStrategy);
        assertEquals("Halted", InstanceObjects.virtualMachine(Fixtures.instance(List.of(), null, false)).getSpec().runStrategy);
    }

    @Test
    void withoutUserDataOrKeysThereIsNoSecretAndNoCloudInit() {
        DesiredInstance d = Fixtures.instance(List.of(), null, true);
        VirtualMachineInstanceSpec spec = InstanceObjects.virtualMachine(d).getSpec().template.spec;

        assertNull(InstanceSecrets.userDataSecret(d));
        assertNull(InstanceSecrets.sshKeysSecret(d));
        assertNull(spec.accessCredentials);
        assertEquals(List.of("rootdisk"), spec.volumes.stream().map(v -> v.name).toList());
        assertEquals(List.of("rootdisk"), spec.domain.devices.disks.stream().map(v -> v.name).toList());
        assertEquals("quay.io/containerdisks/fedora:41", spec.volumes.get(0).containerDisk.image);
    }

    @Test
    void userDataGoesToASecretReferencedByCloudInitNoCloud() {
        DesiredInstance d = Fixtures.instance(List.of(), Fixtures.USER_DATA, true);
        Secret secret = InstanceSecrets.userDataSecret(d);
        Volume cloudInit = InstanceObjects.virtualMachine(d).getSpec().template.spec.volumes.get(1);

        assertEquals("web-1-userdata", secret.getMetadata().getName());
        assertEquals("nuage-acme", secret.getMetadata().getNamespace());
        assertEquals(Labels.owned("acme", Fixtures.INSTANCE_ID), secret.getMetadata().getLabels());
        assertEquals(Fixtures.USER_DATA, decode(secret.getData().get("userdata")));
        assertEquals("cloudinitdisk", cloudInit.name);
        assertEquals("web-1-userdata", cloudInit.cloudInitNoCloud.secretRef.getName());
        assertNull(cloudInit.cloudInitNoCloud.userData);
        assertNull(InstanceSecrets.sshKeysSecret(d));
    }

    @Test
    void sshKeysGoToASecretReferencedByAccessCredentials() {
        DesiredInstance d = Fixtures.instance(List.of(Fixtures.SSH_KEY, "ssh-rsa AAAAB3NzaC1yc2E bob@desk"), null, true);
        Secret secret = InstanceSecrets.sshKeysSecret(d);
        VirtualMachineInstanceSpec spec = InstanceObjects.virtualMachine(d).getSpec().template.spec;
        SSHPublicKeyAccessCredential ssh = spec.accessCredentials.get(0).sshPublicKey;

        assertEquals("web-1-ssh", secret.getMetadata().getName());
        assertEquals(List.of("key0", "key1"), List.copyOf(secret.getData().keySet()));
        assertEquals(Fixtures.SSH_KEY, decode(secret.getData().get("key0")));
        assertEquals("web-1-ssh", ssh.source.secret.secretName);
        assertTrue(ssh.propagationMethod.noCloud != null);
        // KubeVirt refuses noCloud propagation without a cloudInitNoCloud volume.
        assertNull(InstanceSecrets.userDataSecret(d));
        assertEquals("#cloud-config\n", spec.volumes.get(1).cloudInitNoCloud.userData);
        assertEquals(List.of("rootdisk", "cloudinitdisk"), spec.domain.devices.disks.stream().map(v -> v.name).toList());
    }

    @Test
    void buildsAreDeterministic() {
        DesiredInstance d = Fixtures.instance();
        assertEquals(SERIALIZATION.asJson(InstanceObjects.virtualMachine(d)),
                SERIALIZATION.asJson(InstanceObjects.virtualMachine(d)));
        assertEquals(SERIALIZATION.asJson(InstanceSecrets.sshKeysSecret(d)),
                SERIALIZATION.asJson(InstanceSecrets.sshKeysSecret(d)));
        assertEquals(SERIALIZATION.asJson(InstanceSecrets.userDataSecret(d)),
                SERIALIZATION.asJson(InstanceSecrets.userDataSecret(d)));
    }

    @Test
    void serializesCamelCaseWithoutNullsEvenUnderASnakeCaseMapper() throws Exception {
        VirtualMachineSpec spec = InstanceObjects.virtualMachine(Fixtures.instance()).getSpec();
        String fabric8 = SERIALIZATION.asJson(spec);
        String snake = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .writeValueAsString(spec);

        assertTrue(fabric8.contains("\"runStrategy\":\"Always\""), fabric8);
        assertTrue(fabric8.contains("\"masquerade\":{}"), fabric8);
        assertTrue(fabric8.contains("\"terminationGracePeriodSeconds\":60"), fabric8);
        assertFalse(fabric8.contains("null"), fabric8);
        assertTrue(snake.contains("\"runStrategy\"") && snake.contains("\"accessCredentials\""), snake);
    }

    @Test
    void specMatchesAfterARoundTripWithServerAdditions() {
        VirtualMachine desired = InstanceObjects.virtualMachine(Fixtures.instance());
        VirtualMachine plain = roundTrip(desired);

        ObjectNode node = (ObjectNode) SERIALIZATION.unmarshal(SERIALIZATION.asJson(desired), JsonNode.class);
        node.withObject("metadata").put("resourceVersion", "4711").put("uid", "0c7a").put("generation", 3)
                .withObject("labels").put("kubevirt.io/created-by", "someone");
        node.withObject("/spec/template/metadata").putNull("creationTimestamp");
        node.withObject("/spec/template/spec").put("architecture", "amd64")
                .withObject("/domain/machine").put("type", "q35");
        node.withObject("status").put("printableStatus", "Running").put("ready", true);
        VirtualMachine fromServer = SERIALIZATION.unmarshal(node.toString(), VirtualMachine.class);

        assertTrue(InstanceObjects.specMatches(desired, plain));
        assertTrue(InstanceObjects.specMatches(desired, fromServer));
        assertEquals("Running", fromServer.getStatus().printableStatus);
    }

    @Test
    void specDiffersAfterAChangeWeOwn() {
        DesiredInstance d = Fixtures.instance();
        VirtualMachine desired = InstanceObjects.virtualMachine(d);

        VirtualMachine halted = roundTrip(desired);
        halted.getSpec().runStrategy = RunStrategy.HALTED;
        VirtualMachine moreCores = roundTrip(desired);
        moreCores.getSpec().template.spec.domain.cpu.cores = 4;
        VirtualMachine unlabeled = roundTrip(desired);
        unlabeled.getMetadata().getLabels().remove(Labels.TENANT);
        VirtualMachine noUserData = InstanceObjects.virtualMachine(Fixtures.instance(d.sshKeys(), null, true));

        assertFalse(InstanceObjects.specMatches(desired, halted));
        assertFalse(InstanceObjects.specMatches(desired, moreCores));
        assertFalse(InstanceObjects.specMatches(desired, unlabeled));
        assertFalse(InstanceObjects.specMatches(desired, noUserData));
        assertFalse(InstanceObjects.specMatches(desired, null));
    }

    @Test
    void readsAVirtualMachineInstanceStatus() {
        String json = """
                {"apiVersion":"kubevirt.io/v1","kind":"VirtualMachineInstance",
                 "metadata":{"name":"web-1","namespace":"nuage-acme"},
                 "spec":{"domain":{"devices":{}}},
                 "status":{"phase":"Running","nodeName":"node-3","migrationMethod":"BlockMigration",
                   "interfaces":[{"name":"default","ipAddress":"10.244.1.17","ipAddresses":["10.244.1.17","fd10::17"],
                                  "mac":"02:42:ac:11:00:02","infoSource":"domain, guest-agent"}],
                   "conditions":[{"type":"Ready","status":"True","lastProbeTime":null,
                                  "lastTransitionTime":"2026-11-23T15:20:00Z"}]}}
                """;
        VirtualMachineInstance vmi = SERIALIZATION.unmarshal(json, VirtualMachineInstance.class);

        assertEquals("Running", vmi.getStatus().phase);
        assertEquals("node-3", vmi.getStatus().nodeName);
        assertEquals(List.of("10.244.1.17", "fd10::17"), vmi.getStatus().interfaces.get(0).ipAddresses);
        assertEquals("True", vmi.getStatus().conditions.get(0).status);
    }

    private static VirtualMachine roundTrip(VirtualMachine vm) {
        return SERIALIZATION.unmarshal(SERIALIZATION.asJson(vm), VirtualMachine.class);
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
