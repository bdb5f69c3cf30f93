package io.nuage.storage;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The host an import source names, and whether an address is public. Pure: nothing here looks a name up.
 * A host is read the way the importer's resolver may read it: {@code 2130706433}, {@code 0x7f.1} and
 * {@code 0177.0.0.1} are 127.0.0.1 to the C library's {@code inet_aton}, so they are addresses here too.
 */
public final class ImportHosts {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");
    private static final Pattern IPV6_TEXT = Pattern.compile("[0-9a-f:.]+");
    private static final Pattern DOTTED_QUAD = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern PORT = Pattern.compile(":\\d{0,5}");
    /** Names that are never the public internet's: resolved by each machine (or cluster) for itself. */
    private static final List<String> LOCAL_SUFFIXES = List.of(".localhost", ".local", ".internal", ".arpa");

    /**
     * Not globally reachable (IANA special-purpose registries), or not unicast. IPv4-mapped IPv6 addresses are read as
     * the IPv4 address they carry ({@link #effective}). Parsed with the patterns above.
     */
    private static final List<AddressBlock> NOT_PUBLIC = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
            "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32", "3fff::/20",
            "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8").stream().map(AddressBlock::parse).toList();

    private ImportHosts() {
    }

    /** The host of an http(s) URL, lower case, without brackets or a trailing dot; null when it is not such a URL. */
    public static String ofUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return null;
        }
        String authority = uri.getRawAuthority();
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || authority == null) {
            return null;
        }
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        String host;
        String port;
        if (hostPort.startsWith("[")) {
            int end = hostPort.indexOf(']');
            if (end < 0) {
                return null;
            }
            host = hostPort.substring(1, end);
            port = hostPort.substring(end + 1);
            if (!host.contains(":")) {
                return null;
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            port = colon < 0 ? "" : hostPort.substring(colon);
        }
        return port.isEmpty() || PORT.matcher(port).matches() ? normalise(host) : null;
    }

    /**
     * The registry host of a container image reference, as Docker reads one: its first component when that has a dot or
     * a port, or is {@code localhost}; empty for an image of Docker Hub. The host is as written, to be {@link #normalise}d.
     */
    public static Optional<String> ofRegistry(String image) {
        int slash = image.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String first = image.substring(0, slash);
        if (!first.contains(".") && !first.contains(":") && !first.equals("localhost")) {
            return Optional.empty();
        }
        int colon = first.lastIndexOf(':');
        return Optional.of(colon < 0 ? first : first.substring(0, colon));
    }

    /** A host name or address in canonical form (lower case, no trailing dot), or null when it is neither. */
    public static String normalise(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty() || h.length() > 253) {
            return null;
        }
        return NAME.matcher(h).matches() || (h.contains(":") && IPV6_TEXT.matcher(h).matches()) ? h : null;
    }

    /**
     * The address a normalised host is written as, in any form a resolver accepts (IPv6, dotted quad, or the
     * {@code inet_aton} forms: fewer parts, octal, hexadecimal); null for a name.
     */
    public static InetAddress literal(String host) {
        if (host.contains(":")) {
            return ipv6(host);
        }
        byte[] v4 = inetAton(host);
        try {
            return v4 == null ? null : InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address written the usual way (dotted quad or IPv6), for configuration; null otherwise. */
    static InetAddress strictLiteral(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains(":")) {
            return IPV6_TEXT.matcher(t).matches() ? ipv6(t) : null;
        }
        return DOTTED_QUAD.matcher(t).matches() ? literal(t) : null;
    }

    /** A name that only means something inside a machine or a network: one label, localhost, .local, .internal. */
    public static boolean isLocalName(String name) {
        return !name.contains(".") || LOCAL_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    /** Whether the address is on the public internet: not loopback, private, link-local, multicast, reserved... */
    public static boolean isPublic(InetAddress address) {
        byte[] bytes = effective(address).getAddress();
        return NOT_PUBLIC.stream().noneMatch(b -> b.contains(bytes));
    }

    /** The IPv4 address an IPv6 one carries (mapped, NAT64 well-known prefix, 6to4), else the address itself. */
    static InetAddress effective(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length != 16) {
            return address;
        }
        int from = -1;
        if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            from = 12; // ::ffff:a.b.c.d
        } else if (b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && isZero(b, 4, 12)) {
            from = 12; // 64:ff9b::a.b.c.d
        } else if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            from = 2; // 2002:aabb:ccdd::
        }
        if (from < 0) {
            return address;
        }
        try {
            return InetAddress.getByAddress(new byte[] { b[from], b[from + 1], b[from + 2], b[from + 3] });
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress ipv6(String text) {
        if (!IPV6_TEXT.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName("[" + text + "]"); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** {@code inet_aton}: one to four parts, each decimal, octal (leading 0) or hexadecimal (0x); the last fills the rest. */
    static byte[] inetAton(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = number(parts[i]);
            if (values[i] < 0) {
                return null;
            }
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 0xff) {
                return null;
            }
            address |= values[i] << (24 - 8 * i);
        }
        long last = values[parts.length - 1];
        if (last >= 1L << (8 * (5 - parts.length))) {
            return null;
        }
        address |= last;
        return new byte[] { (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address };
    }

    /** A part of an inet_aton address, or -1. */
    private static long number(String part) {
        String digits;
        int radix;
        if (part.startsWith("0x")) {
            digits = part.substring(2);
            radix = 16;
        } else if (part.length() > 1 && part.startsWith("0")) {
            digits = part.substring(1);
            radix = 8;
        } else {
            digits = part;
            radix = 10;
        }
        if (digits.isEmpty() || digits.length() > 11 || !digits.chars().allMatch(c -> Character.digit(c, radix) >= 0)) {
            return -1;
        }
        try {
            long v = Long.parseLong(digits, radix);
            return v >= 0 && v <= 0xffffffffL ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
