package io.nuage.kubevirt;

import java.util.List;
import java.util.Objects;

/**
 * One NIC of an instance on a Nuage network, after the pod network's: the input of the
 * VM's extra interface, its Multus network and its cloud-init network data.
 *
 * @param network      the network's name, also its NetworkAttachmentDefinition's
 * @param ip           the address Nuage assigned on it
 * @param prefixLength of the network's CIDR
 * @param dnsServers   the network's DNS servers; may be empty
 */
public record DesiredNic(String network, String ip, int prefixLength, List<String> dnsServers) {

    public DesiredNic {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(ip, "ip");
        dnsServers = dnsServers == null ? List.of() : List.copyOf(dnsServers);
    }
}
