package io.nuage.api;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.nuage.publicip.FirewallPorts;
import io.nuage.publicip.PublicPort;

/** What a valid public address and attachment are. Field names are the JSON ones, for errors[].field. */
final class PublicIpRules {

    /** Leaves room for the "public-ip-" prefix of its Service within Kubernetes' 63 characters. */
    static final int NAME_MAX = 50;

    private PublicIpRules() {
    }

    /** Listed ports: at least one, at most {@link FirewallPorts#MAX}, each 1 to 65535, tcp or udp, none twice. */
    static void ports(Checks checks, List<PublicPort> ports) {
        if (ports == null) {
            return;
        }
        checks.check(!ports.isEmpty(), "ports", "must list at least one port; leave it out to forward the ports the"
                + " instance's firewall rules open");
        checks.check(ports.size() <= FirewallPorts.MAX, "ports", "at most " + FirewallPorts.MAX + " ports");
        Set<PublicPort> seen = new HashSet<>();
        for (int i = 0; i < ports.size() && i < FirewallPorts.MAX; i++) {
            PublicPort p = ports.get(i);
            String field = "ports[" + i + "]";
            if (p == null) {
                checks.check(false, field, "must be an object {port, protocol}");
                continue;
            }
            checks.required(p.port(), field + ".port").required(p.protocol(), field + ".protocol")
                    .range(p.port(), field + ".port", PublicPort.MIN, PublicPort.MAX)
                    .check(p.protocol() == null || p.protocol().equals("tcp") || p.protocol().equals("udp"), field + ".protocol",
                            "must be tcp or udp");
            checks.check(!seen.contains(p) || p.port() == null, field, "the same port and protocol are listed twice");
            seen.add(p);
        }
    }
}
