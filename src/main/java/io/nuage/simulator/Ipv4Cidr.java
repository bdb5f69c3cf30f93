package io.nuage.simulator;

/** An IPv4 range such as {@code 10.244.0.0/16}; the simulated pod network. */
record Ipv4Cidr(int network, int prefixLength) {

    static Ipv4Cidr parse(String cidr) {
        String[] parts = cidr.split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
        }
        int prefix;
        try {
            prefix = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr, e);
        }
        // At least two usable addresses once network, gateway and broadcast are reserved.
        if (prefix < 8 || prefix > 29) {
            throw new IllegalArgumentException("CIDR prefix must be 8 to 29: " + cidr);
        }
        int mask = -1 << (32 - prefix);
        return new Ipv4Cidr(parseAddress(parts[0], cidr) & mask, prefix);
    }

    /** Number of addresses in the range, network and broadcast included. */
    int size() {
        return 1 << (32 - prefixLength);
    }

    /** The address {@code offset} places after the network address, dotted. */
    String address(int offset) {
        int ip = network + offset;
        return (ip >>> 24) + "." + ((ip >>> 16) & 0xff) + "." + ((ip >>> 8) & 0xff) + "." + (ip & 0xff);
    }

    private static int parseAddress(String dotted, String cidr) {
        String[] octets = dotted.split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
        }
        int ip = 0;
        for (String octet : octets) {
            int value;
            try {
                value = Integer.parseInt(octet);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr, e);
            }
            if (value < 0 || value > 255) {
                throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
            }
            ip = (ip << 8) | value;
        }
        return ip;
    }
}
