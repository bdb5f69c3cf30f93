package io.nuage.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Ipv4Test {

    @Test
    void parsesAndFormatsDottedQuads() {
        assertEquals(0x0a000102L, Ipv4.parse("10.0.1.2"));
        assertEquals(0xffffffffL, Ipv4.parse("255.255.255.255"));
        assertEquals("192.168.0.254", Ipv4.format(Ipv4.parse("192.168.0.254")));
    }

    @Test
    void refusesWhatIsNotStrictlyADottedQuad() {
        for (String bad : new String[] { null, "", "10.0.0", "10.0.0.0.1", "10.0.0.256", "010.0.0.1", "10.0.0.-1",
                "10..0.1", "a.b.c.d", " 10.0.0.1", "10.0.0.1 ", "::1", "1e1.0.0.1" }) {
            assertEquals(-1, Ipv4.parse(bad), String.valueOf(bad));
        }
    }

    @Test
    void blocksKnowTheirBoundaries() {
        Ipv4.Block b = Ipv4.parseBlock("10.20.30.0/24");
        assertEquals("10.20.30.0/24", b.toString());
        assertEquals(256, b.size());
        assertTrue(b.isCanonical());
        assertEquals(Ipv4.parse("10.20.30.1"), b.firstHost());
        assertEquals(Ipv4.parse("10.20.30.255"), b.broadcast());
        assertTrue(b.isHost(Ipv4.parse("10.20.30.254")));
        assertFalse(b.isHost(Ipv4.parse("10.20.30.0")));
        assertFalse(b.isHost(Ipv4.parse("10.20.30.255")));
        assertFalse(b.contains(Ipv4.parse("10.20.31.1")));
        assertEquals(1L << 32, Ipv4.parseBlock("0.0.0.0/0").size());
        assertTrue(Ipv4.parseBlock("0.0.0.0/0").contains(Ipv4.parse("203.0.113.9")));
    }

    @Test
    void blocksOverlapWhenOneContainsTheOther() {
        Ipv4.Block big = Ipv4.parseBlock("10.0.0.0/16");
        assertTrue(big.overlaps(Ipv4.parseBlock("10.0.2.0/24")));
        assertTrue(Ipv4.parseBlock("10.0.2.0/24").overlaps(big));
        assertFalse(big.overlaps(Ipv4.parseBlock("10.1.0.0/24")));
        assertFalse(Ipv4.parseBlock("10.0.2.0/25").overlaps(Ipv4.parseBlock("10.0.2.128/25")));
    }

    @Test
    void hostBitsMakeABlockNonCanonical() {
        Ipv4.Block b = Ipv4.parseBlock("10.0.0.1/24");
        assertFalse(b.isCanonical());
        assertEquals("10.0.0.0/24", b.toString());
    }

    @Test
    void refusesMalformedBlocks() {
        for (String bad : new String[] { "10.0.0.0", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/024", "10.0.0.0/2a", "10.0.0/24",
                "fd00::/64" }) {
            assertNull(Ipv4.parseBlock(bad), bad);
        }
    }
}
