package io.nuage.network;

/**
 * IPv4 addresses and CIDR blocks, strictly as the API accepts them: four decimal octets
 * without leading zeros (so "010.0.0.1" is refused rather than read as octal by some tools).
 * Addresses are unsigned 32-bit values held in a {@code long}.
 */
public final class Ipv4 {

    private Ipv4() {
    }

    /** The address, or -1 when {@code text} is not a dotted quad. */
    /** A dotted quad, for the contract (the parser below is the rule). */
    public static final String ADDRESS_REGEX = "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
    public static final String ADDRESS_PATTERN = "^" + ADDRESS_REGEX + "$";
    public static final String CIDR_PATTERN = "^" + ADDRESS_REGEX + "/([0-9]|[12][0-9]|3[0-2])$";

    public static long parse(String text) {
        if (text == null || text.length() > 15) {
            return -1;
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')
                    || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return -1;
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return -1;
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    public static String format(long address) {
        return ((address >> 24) & 0xff) + "." + ((address >> 16) & 0xff) + "." + ((address >> 8) & 0xff) + "." + (address & 0xff);
    }

    /** "a.b.c.d/p" as a block, host bits as given; null when it is not that shape. */
    public static Block parseBlock(String text) {
        if (text == null) {
            return null;
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return null;
        }
        long address = parse(text.substring(0, slash));
        String prefix = text.substring(slash + 1);
        if (address < 0 || prefix.isEmpty() || prefix.length() > 2 || !prefix.chars().allMatch(c -> c >= '0' && c <= '9')
                || (prefix.length() > 1 && prefix.charAt(0) == '0')) {
            return null;
        }
        int p = Integer.parseInt(prefix);
        return p > 32 ? null : new Block(address, p);
    }

    /** An address and a prefix length; {@link #isCanonical()} when no host bit is set. */
    public record Block(long address, int prefix) {

        public long mask() {
            return prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        }

        public long network() {
            return address & mask();
        }

        public long broadcast() {
            return network() | (~mask() & 0xffffffffL);
        }

        public long size() {
            return 1L << (32 - prefix);
        }

        public boolean isCanonical() {
            return address == network();
        }

        public boolean contains(long a) {
            return (a & mask()) == network();
        }

        /** Whether the two blocks share an address: then one contains the other. */
        public boolean overlaps(Block other) {
            return contains(other.network()) || other.contains(network());
        }

        /** A host address: inside the block, neither its network nor its broadcast address. */
        public boolean isHost(long a) {
            return contains(a) && a != network() && a != broadcast();
        }

        /** The first host address, the default gateway. */
        public long firstHost() {
            return network() + 1;
        }

        @Override
        public String toString() {
            return format(network()) + "/" + prefix;
        }
    }
}
