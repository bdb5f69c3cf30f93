package io.nuage.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.nuage.network.Ipv4;

import io.nuage.network.FirewallRule;

/** Body of {@code POST /v1/tenants/{tenant}/networks}. */
public record NetworkCreate(
        @Schema(required = true, pattern = Checks.DNS_LABEL_PATTERN, description = "DNS label, unique in the tenant", maxLength = NetworkRules.NAME_MAX) String name,
        @Schema(required = true, pattern = Ipv4.CIDR_PATTERN, description = "IPv4 CIDR, prefix /" + NetworkRules.PREFIX_MIN + " to /" + NetworkRules.PREFIX_MAX
                + ", e.g. 10.0.1.0/24; must not overlap the tenant's other networks") String cidr,
        @Schema(pattern = Ipv4.ADDRESS_PATTERN, description = "Reserved address in the CIDR, never assigned to an instance; default: the first address") String gateway,
        @Schema(description = "IPv4 DNS servers given to the instances, at most " + NetworkRules.DNS_SERVERS_MAX,
                maxItems = NetworkRules.DNS_SERVERS_MAX) List<String> dnsServers,
        @Schema(maxItems = NetworkRules.FIREWALL_RULES_MAX) List<FirewallRule> firewallRules,
        Map<String, String> labels,
        @Schema(description = "One of the tenant's regions (GET /v1/regions); default: the tenant's first. Only instances of"
                + " this region join it. It cannot change") String region) {
}
