package io.nuage.publicip;

import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.nuage.network.Ipv4;
import io.nuage.platform.NuageConfig;
import io.nuage.platform.RegionDirectory;
import io.quarkus.runtime.StartupEvent;

/**
 * The block each region's public addresses come from ({@code nuage.public-ips.pools}), read once and checked at start:
 * a block that is not IPv4 CIDR, or for a region this installation does not offer, stops the start rather than fail
 * the first allocation. Network and broadcast addresses are never handed out (a /31 or /32 hands out all it has).
 */
@ApplicationScoped
public class PublicIpPools {

    /** The addresses of a pool that may be handed out, from {@code first} to {@code last}. */
    public record Pool(String cidr, long first, long last) {

        public long size() {
            return last - first + 1;
        }
    }

    private final Map<String, Pool> byRegion = new TreeMap<>();

    PublicIpPools(NuageConfig config, RegionDirectory regions) {
        config.publicIps().pools().forEach((region, cidr) -> {
            Ipv4.Block block = Ipv4.parseBlock(cidr.trim());
            if (block == null || !block.isCanonical()) {
                throw new IllegalStateException("nuage.public-ips.pools.\"" + region + "\" must be an IPv4 block written as its"
                        + " network address, e.g. 203.0.113.0/24");
            }
            if (!regions.offers(region)) {
                throw new IllegalStateException("nuage.public-ips.pools names region '" + region + "', which nuage.regions "
                        + regions.names() + " does not offer");
            }
            boolean tiny = block.prefix() >= 31;
            byRegion.put(region, new Pool(block.toString(), tiny ? block.network() : block.network() + 1,
                    tiny ? block.broadcast() : block.broadcast() - 1));
        });
    }

    void failFastAtStartup(@Observes StartupEvent event) {
        // Constructing the bean checked the configuration.
    }

    /** The region's pool, or null when it offers no public address. */
    public Pool of(String region) {
        return byRegion.get(region);
    }
}
