package io.nuage.kubevirt;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What Nuage wants for one network: the input of {@link NetworkObjects}.
 *
 * @param name      the network name, also its NetworkAttachmentDefinition's (a DNS label)
 * @param namespace the tenant's namespace ({@link TenantObjects#namespaceName(String)})
 * @param rules     the firewall rules, in the order given
 */
public record DesiredNetwork(UUID id, String tenant, String namespace, String name, List<Rule> rules) {

    public DesiredNetwork {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /**
     * An ingress allow rule. {@code protocol} is tcp, udp, icmp or any; {@code fromPort} and
     * {@code toPort} are null for every port, equal for one port; {@code sourceCidr} is a CIDR.
     */
    public record Rule(String protocol, Integer fromPort, Integer toPort, String sourceCidr) {
    }
}
