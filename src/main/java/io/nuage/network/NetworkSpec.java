package io.nuage.network;

import java.util.List;
import java.util.Map;

/** The desired state of a network a caller may set. cidr and gateway are canonical IPv4 text. */
public record NetworkSpec(
        String name,
        String cidr,
        String gateway,
        List<String> dnsServers,
        List<FirewallRule> firewallRules,
        Map<String, String> labels,
        String region) {
}
