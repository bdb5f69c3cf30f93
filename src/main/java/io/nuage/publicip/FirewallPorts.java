package io.nuage.publicip;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.nuage.errors.NuageError;
import io.nuage.network.FirewallRule;

/**
 * "Attach without ports" as a Service can say it. A Kubernetes Service lists its ports one by one and cannot forward
 * "every port", so an attach that names none forwards the TCP and UDP ports the ingress firewall rules of the
 * instance's networks open, at most {@link #MAX} of them: those are the ports traffic from outside the tenant may reach
 * (the tenant's isolation policy drops every other). It is refused when a rule opens every port (no ports, or
 * {@code any} without ports), when the ports add up to more than {@link #MAX}, or when no rule opens a TCP or UDP port
 * (no network, or only icmp rules): the caller then lists the ports.
 */
public final class FirewallPorts {

    /** At most this many ports on one address, listed or derived: a Service is one object, kept small. */
    public static final int MAX = 32;

    private FirewallPorts() {
    }

    /** The ports the rules open, by protocol (tcp first) then port. */
    public static List<PublicPort> open(List<FirewallRule> rules) {
        Set<PublicPort> ports = new LinkedHashSet<>();
        for (String protocol : List.of("tcp", "udp")) {
            for (FirewallRule r : rules) {
                if (!r.protocol().equals(protocol) && !r.protocol().equals("any")) {
                    continue;
                }
                if (r.fromPort() == null) {
                    throw required("a firewall rule of the instance's networks opens every " + protocol + " port, which a"
                            + " Kubernetes Service cannot forward");
                }
                for (int p = r.fromPort(); p <= r.toPort(); p++) {
                    ports.add(new PublicPort(p, protocol));
                    if (ports.size() > MAX) {
                        throw required("the firewall rules of the instance's networks open more than " + MAX + " ports");
                    }
                }
            }
        }
        if (ports.isEmpty()) {
            throw required("no firewall rule of the instance's networks opens a TCP or UDP port");
        }
        List<PublicPort> sorted = new ArrayList<>(ports);
        sorted.sort((a, b) -> a.protocol().equals(b.protocol()) ? Integer.compare(a.port(), b.port()) : a.protocol().compareTo(b.protocol()));
        return sorted;
    }

    private static NuageError required(String why) {
        return NuageError.rejected("ports_required", "List the ports to forward: " + why, null);
    }
}
