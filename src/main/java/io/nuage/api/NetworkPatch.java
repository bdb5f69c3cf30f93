package io.nuage.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.nuage.network.FirewallRule;

/**
 * Body of {@code PATCH .../networks/{name}}: fields present replace the current ones. The
 * addressing (name, cidr, gateway) is fixed at creation: instances hold addresses in it.
 */
public record NetworkPatch(
        @Schema(description = "Cannot change; accepted when equal") String name,
        @Schema(description = "Cannot change (422 immutable_field); accepted when equal") String cidr,
        @Schema(description = "Cannot change (422 immutable_field); accepted when equal") String gateway,
        @Schema(description = "Instances get a change in their cloud-init network data, applied at their next boot")
        List<String> dnsServers,
        List<FirewallRule> firewallRules,
        Map<String, String> labels,
        @Schema(description = "Cannot change (422 immutable_field); accepted when equal") String region) implements PatchBody {
}
