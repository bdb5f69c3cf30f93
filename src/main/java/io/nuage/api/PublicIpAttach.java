package io.nuage.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.nuage.publicip.FirewallPorts;
import io.nuage.publicip.PublicPort;

/** Body of {@code POST .../public-ips/{name}/attach}. */
public record PublicIpAttach(
        @Schema(required = true, pattern = Checks.DNS_LABEL_PATTERN, maxLength = Checks.DNS_LABEL_MAX,
                description = "An instance of the tenant, in the address's region, without a public address") String instance,
        @Schema(minItems = 1, maxItems = FirewallPorts.MAX, description = "The ports to forward, each to the same port of the"
                + " instance; none: the TCP and UDP ports the firewall rules of the instance's networks open (422 ports_required"
                + " when a rule opens every port, they are more than " + FirewallPorts.MAX + ", or there are none)")
        List<PublicPort> ports) {
}
