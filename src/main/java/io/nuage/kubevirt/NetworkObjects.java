package io.nuage.kubevirt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;

/**
 * The Kubernetes objects one network needs, as pure functions of {@link DesiredNetwork}: a
 * NetworkAttachmentDefinition with a layer-2 bridge CNI configuration, and a NetworkPolicy
 * for its firewall rules.
 *
 * <p>The bridge has no CNI IPAM: Nuage assigns the addresses itself and gives each guest its
 * own through cloud-init network data ({@link InstanceNetworkData}).
 *
 * <p>Kubernetes NetworkPolicy filters the traffic of a pod's primary interface, which for a
 * KubeVirt VM is the pod network NIC; it is not applied on Multus secondary interfaces. So a
 * network's firewall rules govern what may reach its instances over the pod network, and
 * NetworkPolicy can only name TCP, UDP and SCTP ports: see {@link #isEnforceable}.
 */
public final class NetworkObjects {

    /** The kind label value of the objects networks own. */
    public static final String KIND = "network";
    public static final String CNI_VERSION = "0.3.1";
    public static final String FIREWALL_PREFIX = "nuage-fw-";

    private static final ObjectMapper JSON = new ObjectMapper();

    private NetworkObjects() {
    }

    /** Named like the network, in the tenant's namespace; VMs reference it by that name. */
    public static NetworkAttachmentDefinition attachmentDefinition(DesiredNetwork n) {
        NetworkAttachmentDefinition nad = new NetworkAttachmentDefinition();
        nad.setMetadata(metadata(n, n.name()));
        nad.setSpec(new NetworkAttachmentDefinitionSpec(cniConfig(n)));
        return nad;
    }

    /**
     * The bridge plugin's configuration: one Linux bridge per network on each node, named
     * from the network's id (unique across tenants, within the 15 characters of an interface
     * name), no gateway, no masquerading and an empty IPAM section.
     */
    public static String cniConfig(DesiredNetwork n) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("cniVersion", CNI_VERSION);
        config.put("name", n.name());
        config.put("type", "bridge");
        config.put("bridge", bridgeName(n.id()));
        config.put("isGateway", false);
        config.put("ipMasq", false);
        config.put("ipam", Map.of());
        try {
            return JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "nu" and the first 12 hex digits of the id: 14 characters, under Linux's 15. */
    public static String bridgeName(UUID networkId) {
        return "nu" + networkId.toString().replace("-", "").substring(0, 12);
    }

    public static String firewallPolicyName(String networkName) {
        return FIREWALL_PREFIX + networkName;
    }

    /**
     * One ingress rule per enforceable firewall rule, for the launcher pods of the instances
     * attached to the network; null when no rule can be enforced (no policy is needed then:
     * the tenant's isolation policy already denies other ingress). Kubernetes unions policies,
     * so these rules only ever open traffic.
     */
    public static NetworkPolicy firewallPolicy(DesiredNetwork n) {
        List<NetworkPolicyIngressRule> ingress = new ArrayList<>();
        for (DesiredNetwork.Rule rule : n.rules()) {
            if (isEnforceable(rule)) {
                ingress.add(ingressRule(rule));
            }
        }
        if (ingress.isEmpty()) {
            return null;
        }
        return new NetworkPolicyBuilder()
                .withMetadata(metadata(n, firewallPolicyName(n.name())))
                .withNewSpec()
                .withNewPodSelector().addToMatchLabels(Labels.network(n.name()), "true").endPodSelector()
                .withPolicyTypes("Ingress")
                .withIngress(ingress)
                .endSpec()
                .build();
    }

    /**
     * NetworkPolicy names TCP, UDP and SCTP ports only. An ICMP rule could only be expressed as
     * "every protocol from this source", which would open far more than asked, so it is not
     * enforced: ICMP from outside the tenant stays blocked (the network reports it).
     */
    public static boolean isEnforceable(DesiredNetwork.Rule rule) {
        return !"icmp".equals(rule.protocol());
    }

    private static NetworkPolicyIngressRule ingressRule(DesiredNetwork.Rule rule) {
        NetworkPolicyIngressRuleBuilder b = new NetworkPolicyIngressRuleBuilder()
                .addNewFrom().withNewIpBlock().withCidr(rule.sourceCidr()).endIpBlock().endFrom();
        List<String> protocols = switch (rule.protocol()) {
            case "tcp" -> List.of("TCP");
            case "udp" -> List.of("UDP");
            // "any" without ports: no ports list, which allows every protocol from the source.
            default -> rule.fromPort() == null ? List.of() : List.of("TCP", "UDP");
        };
        for (String protocol : protocols) {
            NetworkPolicyPortBuilder port = new NetworkPolicyPortBuilder().withProtocol(protocol);
            if (rule.fromPort() != null) {
                port.withPort(new IntOrString(rule.fromPort()));
                if (!rule.fromPort().equals(rule.toPort())) {
                    port.withEndPort(rule.toPort());
                }
            }
            b.addToPorts(port.build());
        }
        return b.build();
    }

    /** Whether the NAD already is what Nuage wants: our labels and the same CNI configuration (as JSON). */
    public static boolean attachmentMatches(NetworkAttachmentDefinition desired, NetworkAttachmentDefinition actual) {
        if (actual == null || actual.getSpec() == null || !labelsMatch(desired.getMetadata(), actual.getMetadata())) {
            return false;
        }
        return Objects.equals(tree(desired.getSpec().config), tree(actual.getSpec().config));
    }

    public static boolean policyMatches(NetworkPolicy desired, NetworkPolicy actual) {
        return actual != null && labelsMatch(desired.getMetadata(), actual.getMetadata())
                && Objects.equals(desired.getSpec(), actual.getSpec());
    }

    private static boolean labelsMatch(ObjectMeta desired, ObjectMeta actual) {
        Map<String, String> have = actual.getLabels() == null ? Map.of() : actual.getLabels();
        return desired.getLabels().entrySet().stream().allMatch(e -> e.getValue().equals(have.get(e.getKey())));
    }

    /** A configuration that is not JSON compares as its text, so it never equals ours. */
    private static Object tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(json);
            return node == null ? json : node;
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    private static ObjectMeta metadata(DesiredNetwork n, String name) {
        return new ObjectMetaBuilder().withNamespace(n.namespace()).withName(name)
                .withLabels(Labels.owned(n.tenant(), n.id(), KIND)).build();
    }
}
