package io.nuage.kubevirt;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.ServiceSpec;

/**
 * The Service one attached public address needs, as a pure function of {@link DesiredPublicIp}: of type LoadBalancer,
 * selecting the instance's launcher pod alone ({@code nuage.io/resource-id=<instance id>}: KubeVirt copies the VM
 * template's labels to that pod, and no other pod carries the instance's id), forwarding each port to the same port.
 *
 * <p>{@code externalTrafficPolicy: Local}: the node does not SNAT traffic to a pod on another node, so the pod sees the
 * client's own address, and the firewall rules of the instance's networks (NetworkPolicies with {@code ipBlock}s on the
 * pod) apply to it; with {@code Cluster} every client would look like a node.
 *
 * <p>The address is pinned with MetalLB's annotation {@value #PIN}, not {@code spec.loadBalancerIP}: that field is
 * deprecated since Kubernetes 1.24 because its meaning varies from one implementation to another, and the API server
 * does not check it. The annotation is the one MetalLB documents (MetalLB 0.14.9 prefers
 * {@code metallb.io/loadBalancerIPs} and still reads this one, which earlier versions alone know). Another load
 * balancer needs its own annotation: the address then shows {@code failed} once the load balancer announces another.
 */
public final class PublicIpObjects {

    /** The kind label value of the objects public addresses own. */
    public static final String KIND = "public-ip";
    public static final String PIN = "metallb.universe.tf/loadBalancerIPs";
    public static final String PREFIX = "public-ip-";

    private PublicIpObjects() {
    }

    /** Names are at most 50 characters: the Service's stays within Kubernetes' 63, and starts with a letter. */
    public static String serviceName(String publicIpName) {
        return PREFIX + publicIpName;
    }

    /** The Service, or null when detached. */
    public static Service service(DesiredPublicIp p) {
        if (p.instanceId() == null || p.ports().isEmpty()) {
            return null;
        }
        return new ServiceBuilder()
                .withNewMetadata().withNamespace(p.namespace()).withName(serviceName(p.name()))
                .withLabels(Labels.owned(p.tenant(), p.id(), KIND)).withAnnotations(Map.of(PIN, p.address())).endMetadata()
                .withNewSpec()
                .withType("LoadBalancer")
                .withSelector(Map.of(Labels.RESOURCE_ID, p.instanceId().toString()))
                .withExternalTrafficPolicy("Local")
                .withPorts(p.ports().stream().map(PublicIpObjects::port).toList())
                .endSpec()
                .build();
    }

    /** Named by protocol and port: a Service with several ports must name each. */
    private static ServicePort port(DesiredPublicIp.Port p) {
        return new ServicePortBuilder().withName(p.protocol() + "-" + p.port()).withProtocol(p.protocol().toUpperCase())
                .withPort(p.port()).withTargetPort(new IntOrString(p.port())).build();
    }

    /**
     * Whether the cluster's Service already is what Nuage wants: our labels, the pin, and the fields of the spec Nuage
     * sets. The API server fills in others (cluster IP, node ports, session affinity...), which are not compared.
     */
    public static boolean matches(Service want, Service have) {
        if (have == null || have.getSpec() == null) {
            return false;
        }
        Map<String, String> labels = have.getMetadata().getLabels() == null ? Map.of() : have.getMetadata().getLabels();
        Map<String, String> annotations = have.getMetadata().getAnnotations() == null ? Map.of() : have.getMetadata().getAnnotations();
        ServiceSpec w = want.getSpec();
        ServiceSpec h = have.getSpec();
        return want.getMetadata().getLabels().entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))
                && Objects.equals(want.getMetadata().getAnnotations().get(PIN), annotations.get(PIN))
                && Objects.equals(w.getType(), h.getType()) && Objects.equals(w.getSelector(), h.getSelector())
                && Objects.equals(w.getExternalTrafficPolicy(), h.getExternalTrafficPolicy())
                && ports(w.getPorts()).equals(ports(h.getPorts()));
    }

    /** What Nuage sets of each port, as comparable text. */
    private static List<String> ports(List<ServicePort> ports) {
        return ports == null ? List.of() : ports.stream().map(p -> p.getName() + "/" + p.getProtocol() + "/" + p.getPort() + "/"
                + (p.getTargetPort() == null ? null : p.getTargetPort().getValue())).toList();
    }

    /** The addresses the load balancer announces for the Service: its {@code status.loadBalancer.ingress[].ip}. */
    public static List<String> announced(Service s) {
        if (s == null || s.getStatus() == null || s.getStatus().getLoadBalancer() == null
                || s.getStatus().getLoadBalancer().getIngress() == null) {
            return List.of();
        }
        return s.getStatus().getLoadBalancer().getIngress().stream().map(i -> i.getIp()).filter(Objects::nonNull).toList();
    }
}
