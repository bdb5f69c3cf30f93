package io.nuage.simulator;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Hands out pod IPs from a CIDR, one per live instance, as a CNI's IPAM would. The network address, the first
 * address (the gateway) and the broadcast address are never handed out. Allocation is next-fit, so a freed address
 * is not reused until the range wraps, which keeps a restarted instance from instantly taking a stale address.
 */
final class IpAllocator {

    private final Ipv4Cidr cidr;
    private final BitSet used = new BitSet();
    private final Map<String, Integer> byOwner = new HashMap<>();
    private int next = 2;

    IpAllocator(Ipv4Cidr cidr) {
        this.cidr = cidr;
    }

    /** The owner's address, allocating one if it has none yet. */
    synchronized String allocate(String owner) {
        Integer existing = byOwner.get(owner);
        if (existing != null) {
            return cidr.address(existing);
        }
        int last = cidr.size() - 2;
        for (int tried = 0; tried <= last - 2; tried++) {
            int candidate = next;
            next = next >= last ? 2 : next + 1;
            if (!used.get(candidate)) {
                used.set(candidate);
                byOwner.put(owner, candidate);
                return cidr.address(candidate);
            }
        }
        throw new IllegalStateException("pod network " + cidr.address(0) + "/" + cidr.prefixLength() + " is full");
    }

    synchronized void release(String owner) {
        Integer offset = byOwner.remove(owner);
        if (offset != null) {
            used.clear(offset);
        }
    }

    synchronized int inUse() {
        return byOwner.size();
    }
}
