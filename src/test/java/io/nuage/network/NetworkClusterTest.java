package io.nuage.network;

import static io.nuage.api.TestApi.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nuage.api.TestApi;
import io.nuage.compute.Instances;
import io.nuage.kubevirt.DesiredNetwork;
import io.nuage.kubevirt.Interface;
import io.nuage.kubevirt.Labels;
import io.nuage.kubevirt.NetworkAttachmentDefinition;
import io.nuage.kubevirt.NetworkObjects;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.kubevirt.VirtualMachineInstanceSpec;
import io.nuage.reconciler.Cluster;
import io.nuage.reconciler.Installation;
import io.nuage.reconciler.Resync;
import io.nuage.support.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** What networks become in the (simulated) cluster, and how drift is repaired. */
@QuarkusTest
class NetworkClusterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Cluster cluster;

    @Inject
    Resync resync;

    @Inject
    Installation installation;

    private KubernetesClient k8s() {
        return cluster.client();
    }

    private NetworkAttachmentDefinition nad(String tenant, String name) {
        return k8s().resources(NetworkAttachmentDefinition.class).inNamespace("nuage-" + tenant).withName(name).get();
    }

    private NetworkPolicy policy(String tenant, String name) {
        return k8s().network().networkPolicies().inNamespace("nuage-" + tenant).withName(name).get();
    }

    @Test
    void networkBecomesALabelledBridgeAttachmentDefinition() throws Exception {
        String t = TestApi.createTenant();
        String id = admin().body(Networks.body("lan", "10.40.0.0/24")).post(Networks.path(t)).then().statusCode(201)
                .extract().path("id");
        Networks.awaitReady(t, "lan");

        NetworkAttachmentDefinition nad = nad(t, "lan");
        assertEquals("k8s.cni.cncf.io/v1", nad.getApiVersion());
        assertEquals(Map.of("app.kubernetes.io/managed-by", "nuage", "nuage.io/tenant", t, "nuage.io/resource-id", id,
                "nuage.io/kind", "network", "nuage.io/installation", installation.id()), nad.getMetadata().getLabels());
        JsonNode config = JSON.readTree(nad.getSpec().config);
        assertEquals("bridge", config.path("type").asText());
        assertEquals("lan", config.path("name").asText());
        assertEquals("nu" + id.replace("-", "").substring(0, 12), config.path("bridge").asText());
        assertTrue(config.path("bridge").asText().length() <= 15, "Linux interface names are at most 15 characters");
        assertTrue(config.path("ipam").isObject() && config.path("ipam").isEmpty(), "no CNI IPAM: Nuage assigns addresses");
        assertFalse(config.path("isGateway").asBoolean());
    }

    @Test
    void firewallRulesBecomeANetworkPolicyForTheAttachedInstances() {
        String t = TestApi.createTenant();
        Map<String, Object> body = Networks.body("web", "10.41.0.0/24");
        body.put("firewall_rules", List.of(
                Map.of("protocol", "tcp", "ports", "22", "source_cidr", "203.0.113.0/24"),
                Map.of("protocol", "udp", "ports", "8000-8080"),
                Map.of("protocol", "any", "source_cidr", "10.0.0.0/8"),
                Map.of("protocol", "icmp")));
        admin().body(body).post(Networks.path(t)).then().statusCode(201);
        JsonPath ready = Networks.awaitReady(t, "web");
        assertEquals("False", ready.getString("status.conditions.find { it.type == 'FirewallEnforced' }.status"));
        assertEquals("IcmpNotEnforced", ready.getString("status.conditions.find { it.type == 'FirewallEnforced' }.reason"));

        NetworkPolicy p = policy(t, "nuage-fw-web");
        assertEquals("network", p.getMetadata().getLabels().get("nuage.io/kind"));
        assertEquals(Map.of("nuage.io/network.web", "true"), p.getSpec().getPodSelector().getMatchLabels());
        assertEquals(List.of("Ingress"), p.getSpec().getPolicyTypes());
        List<NetworkPolicyIngressRule> ingress = p.getSpec().getIngress();
        assertEquals(3, ingress.size(), "the icmp rule is not enforced");

        assertEquals("203.0.113.0/24", ingress.get(0).getFrom().get(0).getIpBlock().getCidr());
        assertEquals("TCP", ingress.get(0).getPorts().get(0).getProtocol());
        assertEquals(new IntOrString(22), ingress.get(0).getPorts().get(0).getPort());
        assertNull(ingress.get(0).getPorts().get(0).getEndPort());

        assertEquals("0.0.0.0/0", ingress.get(1).getFrom().get(0).getIpBlock().getCidr());
        assertEquals("UDP", ingress.get(1).getPorts().get(0).getProtocol());
        assertEquals(new IntOrString(8000), ingress.get(1).getPorts().get(0).getPort());
        assertEquals(8080, ingress.get(1).getPorts().get(0).getEndPort());

        assertEquals("10.0.0.0/8", ingress.get(2).getFrom().get(0).getIpBlock().getCidr());
        assertTrue(ingress.get(2).getPorts() == null || ingress.get(2).getPorts().isEmpty(), "any: every protocol and port");

        // New rules are applied; with no rule left, the policy goes.
        admin().body(Map.of("firewall_rules", List.of(Map.of("protocol", "tcp", "ports", "443"))))
                .patch(Networks.path(t) + "/web").then().statusCode(200);
        Await.until(Duration.ofSeconds(30), "policy updated", () -> {
            NetworkPolicy updated = policy(t, "nuage-fw-web");
            return updated.getSpec().getIngress().size() == 1
                    && new IntOrString(443).equals(updated.getSpec().getIngress().get(0).getPorts().get(0).getPort());
        });
        assertEquals("True", Networks.awaitReady(t, "web").getString("status.conditions.find { it.type == 'FirewallEnforced' }.status"));
        admin().body(Map.of("firewall_rules", List.of())).patch(Networks.path(t) + "/web").then().statusCode(200);
        Await.until(Duration.ofSeconds(30), "policy deleted", () -> policy(t, "nuage-fw-web") == null);
    }

    @Test
    void instanceOnANetworkGetsABridgedNicItsAddressAndTheFirewallLabel() {
        String t = Networks.tenantFor(2);
        Map<String, Object> body = Networks.body("priv", "10.42.0.0/24");
        body.put("dns_servers", List.of("10.42.0.53"));
        admin().body(body).post(Networks.path(t)).then().statusCode(201);
        Map<String, Object> instance = Instances.body("app", 1, 128);
        instance.put("networks", List.of(Networks.nic("priv", "10.42.0.20")));
        admin().body(instance).post(Networks.instancesPath(t)).then().statusCode(201);

        JsonPath running = Instances.awaitPhase(t, "app", "running");
        List<String> ips = running.getList("status.ip_addresses", String.class);
        assertEquals(2, ips.size(), ips.toString());
        assertTrue(ips.get(0).startsWith("10.244."), "the pod IP first: " + ips);
        assertEquals("10.42.0.20", ips.get(1));
        assertEquals(List.of(Map.of("network", "priv", "ip", "10.42.0.20")), running.getList("networks"));

        VirtualMachine vm = k8s().resources(VirtualMachine.class).inNamespace("nuage-" + t).withName("app").get();
        VirtualMachineInstanceSpec spec = vm.getSpec().template.spec;
        List<Interface> nics = spec.domain.devices.interfaces;
        assertEquals(2, nics.size());
        assertEquals("default", nics.get(0).name);
        assertNotNull(nics.get(0).masquerade, "the pod network stays the first NIC");
        assertEquals("net-priv", nics.get(1).name);
        assertNotNull(nics.get(1).bridge);
        assertEquals("net-priv", spec.networks.get(1).name);
        assertEquals("priv", spec.networks.get(1).multus.networkName);
        assertEquals("true", vm.getSpec().template.metadata.labels.get("nuage.io/network.priv"));
        String networkData = spec.volumes.stream().filter(v -> v.cloudInitNoCloud != null).findFirst().orElseThrow()
                .cloudInitNoCloud.networkData;
        assertTrue(networkData.contains("- 10.42.0.20/24"), networkData);
        assertTrue(networkData.contains("macaddress: \"" + nics.get(1).macAddress + "\""), networkData);
        assertTrue(networkData.contains("- 10.42.0.53"), networkData);

        // A change of DNS servers reaches the VM's network data.
        admin().body(Map.of("dns_servers", List.of("10.42.0.54"))).patch(Networks.path(t) + "/priv").then().statusCode(200);
        Await.until(Duration.ofSeconds(30), "network data updated", () -> k8s().resources(VirtualMachine.class)
                .inNamespace("nuage-" + t).withName("app").get().getSpec().template.spec.volumes.stream()
                .anyMatch(v -> v.cloudInitNoCloud != null && v.cloudInitNoCloud.networkData.contains("- 10.42.0.54")));
    }

    @Test
    void attachmentDefinitionAndFirewallDeletedByHandComeBack() {
        String t = TestApi.createTenant();
        Map<String, Object> body = Networks.body("phoenix", "10.43.0.0/24");
        body.put("firewall_rules", List.of(Map.of("protocol", "tcp", "ports", "22")));
        admin().body(body).post(Networks.path(t)).then().statusCode(201);
        Networks.awaitReady(t, "phoenix");
        String uid = nad(t, "phoenix").getMetadata().getUid();
        String policyUid = policy(t, "nuage-fw-phoenix").getMetadata().getUid();

        k8s().resources(NetworkAttachmentDefinition.class).inNamespace("nuage-" + t).withName("phoenix").delete();
        k8s().network().networkPolicies().inNamespace("nuage-" + t).withName("nuage-fw-phoenix").delete();

        Await.until(Duration.ofSeconds(30), "NAD and policy recreated", () -> {
            NetworkAttachmentDefinition nad = nad(t, "phoenix");
            NetworkPolicy p = policy(t, "nuage-fw-phoenix");
            return nad != null && !uid.equals(nad.getMetadata().getUid()) && p != null && !policyUid.equals(p.getMetadata().getUid());
        });
    }

    @Test
    void attachmentDefinitionAndFirewallEditedByHandAreRestored() {
        String t = TestApi.createTenant();
        Map<String, Object> body = Networks.body("drift", "10.44.0.0/24");
        body.put("firewall_rules", List.of(Map.of("protocol", "tcp", "ports", "22")));
        admin().body(body).post(Networks.path(t)).then().statusCode(201);
        Networks.awaitReady(t, "drift");
        String config = nad(t, "drift").getSpec().config;

        k8s().resources(NetworkAttachmentDefinition.class).inNamespace("nuage-" + t).withName("drift").edit(nad -> {
            nad.getSpec().config = "{\"cniVersion\":\"0.3.1\",\"type\":\"macvlan\",\"master\":\"eth0\"}";
            return nad;
        });
        k8s().network().networkPolicies().inNamespace("nuage-" + t).withName("nuage-fw-drift").edit(p -> {
            p.getSpec().getIngress().get(0).getFrom().get(0).getIpBlock().setCidr("10.0.0.0/8");
            return p;
        });

        Await.until(Duration.ofSeconds(30), "NAD config restored", () -> config.equals(nad(t, "drift").getSpec().config));
        Await.until(Duration.ofSeconds(30), "policy restored", () -> "0.0.0.0/0".equals(policy(t, "nuage-fw-drift")
                .getSpec().getIngress().get(0).getFrom().get(0).getIpBlock().getCidr()));
    }

    @Test
    void orphanAttachmentDefinitionWithOurLabelsIsDeleted() {
        String t = TestApi.createTenant();
        Networks.create(t, "real", "10.46.0.0/24");
        Networks.awaitReady(t, "real");
        NetworkAttachmentDefinition orphan = NetworkObjects.attachmentDefinition(new DesiredNetwork(UUID.randomUUID(), t,
                "nuage-" + t, "orphan", List.of()));
        Map<String, String> labels = new HashMap<>(orphan.getMetadata().getLabels());
        labels.put(Labels.INSTALLATION, installation.id());
        orphan.getMetadata().setLabels(labels);
        k8s().resource(orphan).create();
        Await.until(Duration.ofSeconds(30), "orphan deleted by a resync", () -> {
            resync.run();
            return nad(t, "orphan") == null;
        });
        assertNotNull(nad(t, "real"), "the network's own NAD is kept");
    }

    @Test
    void deletedNetworkLeavesNoObjectAndResyncSparesTheTenantPolicy() {
        String t = TestApi.createTenant();
        Map<String, Object> body = Networks.body("gone", "10.45.0.0/24");
        body.put("firewall_rules", List.of(Map.of("protocol", "tcp")));
        admin().body(body).post(Networks.path(t)).then().statusCode(201);
        Networks.awaitReady(t, "gone");
        Await.until(Duration.ofSeconds(30), "tenant isolation policy", () -> policy(t, "nuage-tenant-isolation") != null);
        assertNotNull(policy(t, "nuage-fw-gone"));

        admin().delete(Networks.path(t) + "/gone").then().statusCode(202);
        Await.until(Duration.ofSeconds(30), "objects deleted", () -> nad(t, "gone") == null && policy(t, "nuage-fw-gone") == null);

        resync.run();
        assertNotNull(policy(t, "nuage-tenant-isolation"), "the tenant's policy is not a network orphan");
    }
}
