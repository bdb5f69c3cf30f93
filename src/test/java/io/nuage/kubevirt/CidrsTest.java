package io.nuage.kubevirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class CidrsTest {

    @Test
    void blocksOfBothFamiliesAreTakenAsGiven() {
        List<String> blocks = List.of("10.244.0.0/16", "10.96.0.0/12", "0.0.0.0/0", "169.254.169.254/32", "fd00:ec2::254/128",
                "2001:db8::/32", "::/0");
        assertEquals(blocks, Cidrs.checked(blocks));
    }

    @Test
    void aMalformedBlockIsNamedWithWhatIsWrong() {
        assertMalformed("10.244.0.0", "not address/prefix");
        assertMalformed("10.244.0.1/16", "address bits set past the prefix");
        assertMalformed("fd00::1/64", "address bits set past the prefix");
        assertMalformed("300.1.1.0/24", "not an IPv4 or IPv6 address and a prefix length");
        assertMalformed("10.0.0.0/33", "prefix longer than the address");
        assertMalformed("fd00::/129", "prefix longer than the address");
        assertMalformed("cluster.local/24", "not an IPv4 or IPv6 address and a prefix length");
        assertMalformed("10.0.0.0/-8", "not an IPv4 or IPv6 address and a prefix length");
        assertMalformed("fd00:::1/64", "not an IP address");
        assertMalformed("::ffff:10.0.0.0/104", "an IPv4-mapped IPv6 address; write it as IPv4");
    }

    private static void assertMalformed(String cidr, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidrs.checked(List.of("10.0.0.0/8", cidr)));
        assertEquals("'" + cidr + "' is not a CIDR block: " + why, e.getMessage());
    }
}
