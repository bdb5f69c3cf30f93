package io.nuage.kubevirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

class NetworkObjectsTest {

    @Test
    void attachmentDefinitionIsABridgeWithoutIpam() throws Exception {
        NetworkAttachmentDefinition nad = NetworkObjects.attachmentDefinition(Fixtures.network());

        assertEquals("private", nad.getMetadata().getName());
        assertEquals("nuage-acme", nad.getMetadata().getNamespace());
        assertEquals(Map.of("app.kubernetes.io/managed-by", "nuage", "nuage.io/tenant", "acme",
                "nuage.io/resource-id", Fixtures.NETWORK_ID.toString(), "nuage.io/kind", "network"), nad.getMetadata().getLabels());
        JsonNode config = new ObjectMapper().readTree(nad.getSpec().config);
        assertEquals("0.3.1", config.path("cniVersion").asText());
        assertEquals("bridge", config.path("type").asText());
        assertEquals("nu7c0e5b2a9d14", config.path("bridge").asText());
        assertEquals(0, config.path("ipam").size());
        assertFalse(config.path("ipMasq").asBoolean());
    }

    @Test
    void sameConfigurationWrittenDifferentlyIsNoDrift() {
        NetworkAttachmentDefinition desired = NetworkObjects.attachmentDefinition(Fixtures.network());
        NetworkAttachmentDefinition actual = NetworkObjects.attachmentDefinition(Fixtures.network());
        actual.getSpec().config = "{ \"ipam\": {}, \"type\": \"bridge\", \"name\": \"private\", \"cniVersion\": \"0.3.1\","
                + " \"bridge\": \"nu7c0e5b2a9d14\", \"isGateway\": false, \"ipMasq\": false }";
        assertTrue(NetworkObjects.attachmentMatches(desired, actual));

        actual.getSpec().config = actual.getSpec().config.replace("bridge\",", "macvlan\",");
        assertFalse(NetworkObjects.attachmentMatches(desired, actual));
        actual.getSpec().config = "not json";
        assertFalse(NetworkObjects.attachmentMatches(desired, actual));
        assertFalse(NetworkObjects.attachmentMatches(desired, null));
    }

    @Test
    void firewallRulesBecomeIngressRules() {
        NetworkPolicy p = NetworkObjects.firewallPolicy(Fixtures.network());

        assertEquals("nuage-fw-private", p.getMetadata().getName());
        assertEquals(Map.of("nuage.io/network.private", "true"), p.getSpec().getPodSelector().getMatchLabels());
        assertEquals(List.of("Ingress"), p.getSpec().getPolicyTypes());
        var ingress = p.getSpec().getIngress();
        assertEquals(3, ingress.size(), "the icmp rule is left out");

        NetworkPolicyPort ssh = ingress.get(0).getPorts().get(0);
        assertEquals("TCP", ssh.getProtocol());
        assertEquals(new IntOrString(22), ssh.getPort());
        assertNull(ssh.getEndPort());
        assertEquals("203.0.113.0/24", ingress.get(0).getFrom().get(0).getIpBlock().getCidr());

        // any with ports: TCP and UDP on them.
        List<NetworkPolicyPort> range = ingress.get(1).getPorts();
        assertEquals(List.of("TCP", "UDP"), range.stream().map(NetworkPolicyPort::getProtocol).toList());
        assertEquals(new IntOrString(8000), range.get(0).getPort());
        assertEquals(8080, range.get(0).getEndPort());

        // any without ports: no ports list, every protocol.
        assertTrue(ingress.get(2).getPorts().isEmpty());
        assertEquals("10.0.0.0/8", ingress.get(2).getFrom().get(0).getIpBlock().getCidr());
    }

    @Test
    void noPolicyWhenNoRuleCanBeEnforced() {
        DesiredNetwork icmpOnly = new DesiredNetwork(Fixtures.NETWORK_ID, "acme", "nuage-acme", "private",
                List.of(new DesiredNetwork.Rule("icmp", null, null, "0.0.0.0/0")));
        assertNull(NetworkObjects.firewallPolicy(icmpOnly));
        assertNull(NetworkObjects.firewallPolicy(new DesiredNetwork(Fixtures.NETWORK_ID, "acme", "nuage-acme", "private", null)));
    }

    @Test
    void bridgeNamesFitALinuxInterfaceName() {
        assertTrue(NetworkObjects.bridgeName(Fixtures.NETWORK_ID).length() <= 15);
    }
}
