package io.nuage.kubevirt;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What Nuage wants for one public address: the input of {@link PublicIpObjects}.
 *
 * @param address    the IPv4 address the address's Service is pinned to
 * @param instanceId the instance it forwards to; null when detached (no Service then)
 * @param ports      the ports forwarded, each to the same port of the instance
 */
public record DesiredPublicIp(UUID id, String tenant, String namespace, String name, String address, UUID instanceId,
        List<Port> ports) {

    public DesiredPublicIp {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    /** {@code protocol} is tcp or udp. */
    public record Port(int port, String protocol) {
    }
}
