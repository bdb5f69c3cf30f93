package io.nuage.network;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A network as the API shows it. */
public record Network(
        @Schema(required = true) UUID id,
        @Schema(required = true) String name,
        @Schema(description = "Where it lives: one of the tenant's regions; it cannot change") String region,
        @Schema(description = "The region's country, ISO 3166-1 alpha-2 (configuration: GET /v1/regions)") String country,
        String cidr,
        String gateway,
        List<String> dnsServers,
        List<FirewallRule> firewallRules,
        Map<String, String> labels,
        long generation,
        NetworkStatus status,
        Instant createdAt,
        Instant updatedAt) {
}
