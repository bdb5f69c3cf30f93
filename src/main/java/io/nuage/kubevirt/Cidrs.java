package io.nuage.kubevirt;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/** CIDR blocks as a NetworkPolicy's {@code ipBlock} takes them, checked where they are configured. */
public final class Cidrs {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    /** Hexadecimal groups and colons (an embedded IPv4 tail allowed): parsed as a literal, never looked up in DNS. */
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");
    private static final Pattern PREFIX = Pattern.compile("\\d{1,3}");

    private Cidrs() {
    }

    /** The blocks as given, each checked; the first malformed one is named in the exception. */
    public static List<String> checked(List<String> cidrs) {
        cidrs.forEach(Cidrs::check);
        return List.copyOf(cidrs);
    }

    public static boolean isIpv6(String cidr) {
        return cidr.contains(":");
    }

    /**
     * An IPv4 or IPv6 address, '/', and a prefix length, with no address bit set past the prefix ({@code 10.0.0.1/8}
     * is more likely a typo than a block, and Kubernetes' strict validation refuses it).
     */
    static void check(String cidr) {
        int slash = cidr == null ? -1 : cidr.indexOf('/');
        if (slash < 0) {
            throw malformed(cidr, "not address/prefix");
        }
        String address = cidr.substring(0, slash);
        String prefix = cidr.substring(slash + 1);
        boolean v6 = isIpv6(address);
        if (!(v6 ? IPV6 : IPV4).matcher(address).matches() || !PREFIX.matcher(prefix).matches()) {
            throw malformed(cidr, "not an IPv4 or IPv6 address and a prefix length");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw malformed(cidr, "not an IP address");
        }
        int bits = Integer.parseInt(prefix);
        if (bytes.length != (v6 ? 16 : 4)) {
            throw malformed(cidr, "an IPv4-mapped IPv6 address; write it as IPv4");
        }
        if (bits > bytes.length * 8) {
            throw malformed(cidr, "prefix longer than the address");
        }
        for (int bit = bits; bit < bytes.length * 8; bit++) {
            if ((bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                throw malformed(cidr, "address bits set past the prefix");
            }
        }
    }

    private static IllegalArgumentException malformed(String cidr, String why) {
        return new IllegalArgumentException("'" + cidr + "' is not a CIDR block: " + why);
    }
}
