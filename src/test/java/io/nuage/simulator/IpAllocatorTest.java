package io.nuage.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class IpAllocatorTest {

    @Test
    void skipsNetworkGatewayAndBroadcastAndNeverHandsOutAnAddressTwice() {
        IpAllocator allocator = new IpAllocator(Ipv4Cidr.parse("10.1.2.0/29"));
        Set<String> handedOut = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            handedOut.add(allocator.allocate("vmi-" + i));
        }
        assertEquals(Set.of("10.1.2.2", "10.1.2.3", "10.1.2.4", "10.1.2.5", "10.1.2.6"), handedOut);
        assertThrows(IllegalStateException.class, () -> allocator.allocate("one-too-many"));
    }

    @Test
    void anOwnerKeepsItsAddressAndReleasingFreesIt() {
        IpAllocator allocator = new IpAllocator(Ipv4Cidr.parse("10.244.0.0/16"));
        String ip = allocator.allocate("a");
        assertEquals(ip, allocator.allocate("a"));
        assertEquals(1, allocator.inUse());
        allocator.release("a");
        assertEquals(0, allocator.inUse());
    }

    @Test
    void rejectsWhatIsNotAnIpv4Cidr() {
        assertThrows(IllegalArgumentException.class, () -> Ipv4Cidr.parse("10.244.0.0"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Cidr.parse("10.300.0.0/16"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Cidr.parse("10.244.0.0/31"));
    }
}
