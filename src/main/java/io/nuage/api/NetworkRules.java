package io.nuage.api;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.nuage.network.InstanceNetwork;
import io.nuage.network.FirewallRule;
import io.nuage.network.Ipv4;

/** What a valid network, firewall rule and instance NIC request are. Field names are the JSON ones. */
final class NetworkRules {

    /** Keeps "nuage-fw-" + name and the label key "nuage.io/network." + name within Kubernetes' 63 characters. */
    static final int NAME_MAX = 50;
    static final int PREFIX_MIN = 16;
    static final int PREFIX_MAX = 29;
    /** The resolver reads at most three name servers. */
    static final int DNS_SERVERS_MAX = 3;
    static final int FIREWALL_RULES_MAX = 64;
    /** NICs on networks per instance, besides the pod network's. */
    static final int INSTANCE_NETWORKS_MAX = 8;
    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "icmp", "any");
    private static final Pattern PORTS = Pattern.compile(FirewallRule.PORTS_REGEX);
    /**
     * Blocks a guest cannot use on a second NIC: "this network", loopback, link-local,
     * multicast and reserved; and 10.0.2.0/24, which KubeVirt's masquerade binding gives the
     * pod network NIC inside every guest (its gateway 10.0.2.1 would become ambiguous).
     */
    private static final List<Ipv4.Block> UNUSABLE = List.of(Ipv4.parseBlock("0.0.0.0/8"), Ipv4.parseBlock("127.0.0.0/8"),
            Ipv4.parseBlock("169.254.0.0/16"), Ipv4.parseBlock("224.0.0.0/3"), Ipv4.parseBlock("10.0.2.0/24"));

    private NetworkRules() {
    }

    /** The block of a valid network CIDR, or null after recording what is wrong with it. */
    static Ipv4.Block cidr(Checks checks, String cidr, String field) {
        if (cidr == null) {
            return null;
        }
        Ipv4.Block block = Ipv4.parseBlock(cidr);
        if (block == null) {
            checks.check(false, field, "must be an IPv4 CIDR such as 10.0.1.0/24");
            return null;
        }
        if (block.prefix() < PREFIX_MIN || block.prefix() > PREFIX_MAX) {
            checks.check(false, field, "prefix length must be from /" + PREFIX_MIN + " to /" + PREFIX_MAX);
            return null;
        }
        if (!block.isCanonical()) {
            checks.check(false, field, "has host bits set: the network is " + block);
            return null;
        }
        for (Ipv4.Block unusable : UNUSABLE) {
            if (block.overlaps(unusable)) {
                checks.check(false, field, "overlaps " + unusable + ", which guests cannot use on a private network"
                        + " (10.0.2.0/24 is the pod network NIC's inside every guest)");
                return null;
            }
        }
        return block;
    }

    static void gateway(Checks checks, String gateway, Ipv4.Block block) {
        if (gateway == null) {
            return;
        }
        long address = Ipv4.parse(gateway);
        if (address < 0) {
            checks.check(false, "gateway", "must be an IPv4 address such as 10.0.1.1");
        } else if (block != null) {
            checks.check(block.isHost(address), "gateway", "must be a host address of cidr (not its network or broadcast address)");
        }
    }

    static void dnsServers(Checks checks, List<String> servers) {
        if (servers == null) {
            return;
        }
        checks.check(servers.size() <= DNS_SERVERS_MAX, "dns_servers", "at most " + DNS_SERVERS_MAX + " servers");
        for (int i = 0; i < servers.size(); i++) {
            checks.check(Ipv4.parse(servers.get(i)) >= 0, "dns_servers[" + i + "]", "must be an IPv4 address such as 10.0.1.53");
        }
    }

    static void firewallRules(Checks checks, List<FirewallRule> rules) {
        if (rules == null) {
            return;
        }
        checks.check(rules.size() <= FIREWALL_RULES_MAX, "firewall_rules", "at most " + FIREWALL_RULES_MAX + " rules");
        for (int i = 0; i < rules.size(); i++) {
            String field = "firewall_rules[" + i + "]";
            FirewallRule r = rules.get(i);
            if (r == null) {
                checks.check(false, field, "must be a rule object");
                continue;
            }
            checks.check(r.direction() == null || FirewallRule.INGRESS.equals(r.direction()), field + ".direction",
                    "only ingress is supported");
            checks.required(r.protocol(), field + ".protocol");
            checks.check(r.protocol() == null || PROTOCOLS.contains(r.protocol()), field + ".protocol",
                    "must be one of tcp, udp, icmp, any");
            if (r.ports() != null) {
                checks.check(!"icmp".equals(r.protocol()), field + ".ports", "icmp has no ports: leave it out");
                checks.check(validPorts(r.ports()), field + ".ports",
                        "must be a port (\"22\") or a range (\"8000-8080\") between 1 and 65535");
            }
            if (r.sourceCidr() != null) {
                Ipv4.Block source = Ipv4.parseBlock(r.sourceCidr());
                checks.check(source != null, field + ".source_cidr", "must be an IPv4 CIDR such as 203.0.113.0/24");
                if (source != null) {
                    checks.check(source.isCanonical(), field + ".source_cidr", "has host bits set: the network is " + source);
                }
            }
        }
    }

    private static boolean validPorts(String ports) {
        if (!PORTS.matcher(ports).matches()) {
            return false;
        }
        String[] parts = ports.split("-");
        int from = Integer.parseInt(parts[0]);
        int to = Integer.parseInt(parts[parts.length - 1]);
        return from >= 1 && to <= 65535 && from <= to;
    }

    /** The NICs asked for in an instance create: names well formed, each network once, addresses IPv4. */
    static void instanceNetworks(Checks checks, List<InstanceNetwork> networks) {
        if (networks == null) {
            return;
        }
        checks.check(networks.size() <= INSTANCE_NETWORKS_MAX, "networks", "at most " + INSTANCE_NETWORKS_MAX + " networks");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < networks.size(); i++) {
            String field = "networks[" + i + "]";
            InstanceNetwork n = networks.get(i);
            if (n == null) {
                checks.check(false, field, "must be an object with a network");
                continue;
            }
            checks.name(n.network(), field + ".network", NAME_MAX);
            checks.check(n.network() == null || seen.add(n.network()), field + ".network", "is listed twice");
            checks.check(n.ip() == null || Ipv4.parse(n.ip()) >= 0, field + ".ip", "must be an IPv4 address such as 10.0.1.10");
        }
    }
}
