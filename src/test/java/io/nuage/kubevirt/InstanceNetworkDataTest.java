package io.nuage.kubevirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** An instance's NICs on networks, in its VirtualMachine and in its guest's cloud-init network data. */
class InstanceNetworkDataTest {

    @Test
    void eachNetworkAddsABridgedNicOnItsMultusNetwork() {
        VirtualMachine vm = InstanceObjects.virtualMachine(Fixtures.instanceOnNetworks());
        VirtualMachineInstanceSpec spec = vm.getSpec().template.spec;

        assertEquals(List.of("default", "net-private", "net-storage"),
                spec.domain.devices.interfaces.stream().map(i -> i.name).toList());
        assertTrue(spec.domain.devices.interfaces.get(0).masquerade != null, "the pod network stays the first NIC");
        assertTrue(spec.domain.devices.interfaces.get(1).bridge != null);
        assertEquals(List.of("default", "net-private", "net-storage"), spec.networks.stream().map(n -> n.name).toList());
        assertEquals("private", spec.networks.get(1).multus.networkName);
        assertEquals("storage", spec.networks.get(2).multus.networkName);
        assertEquals("true", vm.getSpec().template.metadata.labels.get("nuage.io/network.private"));
        assertEquals("true", vm.getSpec().template.metadata.labels.get("nuage.io/network.storage"));
        assertEquals(3, vm.getMetadata().getLabels().size(), "the VM's own labels stay ours only");
    }

    @Test
    void userDataStaysInItsSecretBesideTheNetworkData() {
        Volume cloudInit = cloudInit(Fixtures.instanceOnNetworks());
        assertEquals("web-1-userdata", cloudInit.cloudInitNoCloud.secretRef.getName());
        assertNull(cloudInit.cloudInitNoCloud.userData);
        assertTrue(cloudInit.cloudInitNoCloud.networkData.startsWith("version: 2\n"));
    }

    @Test
    void withoutUserDataAnEmptyCloudConfigCarriesTheNetworkData() {
        DesiredInstance d = Fixtures.instanceOnNetworks();
        DesiredInstance bare = new DesiredInstance(d.id(), d.tenant(), d.namespace(), d.name(), d.vcpus(), d.memoryMib(),
                d.image(), List.of(), null, null, true, d.nics(), List.of());
        Volume cloudInit = cloudInit(bare);
        assertEquals(InstanceObjects.EMPTY_CLOUD_CONFIG, cloudInit.cloudInitNoCloud.userData);
        assertTrue(cloudInit.cloudInitNoCloud.networkData != null);
        assertEquals(2, bare.nics().size());
    }

    @Test
    void networkDataMatchesNicsByMacAndSetsStaticAddresses() throws Exception {
        DesiredInstance d = Fixtures.instanceOnNetworks();
        VirtualMachine vm = InstanceObjects.virtualMachine(d);
        JsonNode config = new YAMLMapper().readTree(InstanceNetworkData.networkData(d));
        Map<String, String> macs = vm.getSpec().template.spec.domain.devices.interfaces.stream()
                .collect(Collectors.toMap(i -> i.name, i -> i.macAddress));

        assertEquals(2, config.path("version").asInt());
        JsonNode eth = config.path("ethernets");
        assertTrue(eth.path("default").path("dhcp4").asBoolean(), "the pod network NIC keeps DHCP");
        assertEquals(macs.get("default"), eth.path("default").path("match").path("macaddress").asText());
        assertEquals(macs.get("net-private"), eth.path("net-private").path("match").path("macaddress").asText());
        assertEquals("10.0.1.5/24", eth.path("net-private").path("addresses").get(0).asText());
        assertEquals("10.0.1.53", eth.path("net-private").path("nameservers").path("addresses").get(0).asText());
        assertEquals("172.16.0.9/16", eth.path("net-storage").path("addresses").get(0).asText());
        assertTrue(eth.path("net-storage").path("nameservers").isMissingNode());
        assertTrue(eth.path("net-private").path("gateway4").isMissingNode(), "the default route stays on the pod network");
    }

    @Test
    void macsAreLocallyAdministeredStableAndDistinct() {
        String mac = InstanceNetworkData.macAddress(Fixtures.INSTANCE_ID, 1);
        assertTrue(mac.matches("02(:[0-9a-f]{2}){5}"), mac);
        assertEquals(mac, InstanceNetworkData.macAddress(Fixtures.INSTANCE_ID, 1));
        assertNotEquals(mac, InstanceNetworkData.macAddress(Fixtures.INSTANCE_ID, 2));
    }

    @Test
    void anInstanceWithoutNetworksIsUnchanged() {
        KubernetesSerialization json = new KubernetesSerialization();
        String vm = json.asJson(InstanceObjects.virtualMachine(Fixtures.instance()));
        assertTrue(!vm.contains("macAddress") && !vm.contains("networkData") && !vm.contains("multus"), vm);
        assertNull(InstanceNetworkData.networkData(Fixtures.instance()));
    }

    private static Volume cloudInit(DesiredInstance d) {
        return InstanceObjects.virtualMachine(d).getSpec().template.spec.volumes.stream()
                .filter(v -> v.cloudInitNoCloud != null).findFirst().orElseThrow();
    }
}
