package io.nuage.network;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A NIC of an instance on a Nuage network: asked for at creation, then shown with its address. */
public record InstanceNetwork(
        @Schema(required = true, description = "Name of one of the tenant's networks") String network,
        @Schema(pattern = Ipv4.ADDRESS_PATTERN, description = "IPv4 address on it; when creating, default: the lowest free one") String ip) {
}
