package io.nuage.network;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An ingress allow rule of a network's firewall. Traffic that no rule allows is denied, except
 * from the tenant's own instances (the tenant isolation policy allows those).
 */
@Schema(description = "Ingress allow rule. Enforced by a Kubernetes NetworkPolicy on the pod network NIC of the attached"
        + " instances; icmp rules are stored but not enforced (NetworkPolicy cannot express ICMP only)")
public record FirewallRule(
        @Schema(description = "Only ingress; default ingress", enumeration = { "ingress" }) String direction,
        @Schema(required = true, enumeration = { "tcp", "udp", "icmp", "any" }) String protocol,
        @Schema(pattern = "^" + PORTS_REGEX + "$", description = "One port (\"22\") or a range (\"8000-8080\"); none: every port. Not for icmp") String ports,
        @Schema(pattern = Ipv4.CIDR_PATTERN, description = "IPv4 CIDR the traffic comes from; default 0.0.0.0/0") String sourceCidr) {

    /** One port or a range, as written; their bounds are checked by the API (1 to 65535, first no more than last). */
    public static final String PORTS_REGEX = "[1-9][0-9]{0,4}(-[1-9][0-9]{0,4})?";

    public static final String INGRESS = "ingress";
    public static final String ANYWHERE = "0.0.0.0/0";

    /** With the defaults filled in, as stored and shown. */
    public FirewallRule normalized() {
        return new FirewallRule(direction == null ? INGRESS : direction, protocol, ports,
                sourceCidr == null ? ANYWHERE : sourceCidr);
    }

    /** First port of {@link #ports}, or null for every port. Call on a validated rule. */
    public Integer fromPort() {
        return ports == null ? null : Integer.valueOf(ports.split("-", 2)[0]);
    }

    /** Last port of {@link #ports} (the first for a single port), or null for every port. */
    public Integer toPort() {
        if (ports == null) {
            return null;
        }
        String[] parts = ports.split("-", 2);
        return Integer.valueOf(parts[parts.length - 1]);
    }
}
