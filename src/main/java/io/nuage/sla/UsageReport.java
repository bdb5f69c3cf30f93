package io.nuage.sla;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a tenant consumed over [from, to). Compute (vCPU, memory) is billed for up and
 * maintenance time only; storage for as long as the volume exists. Egress is not a ledger category: it is per resource
 * and in total, from {@link EgressStore}.
 */
public record UsageReport(String tenant, Instant from, Instant to, Amounts total,
        @Schema(description = EGRESS) double egressGib,
        @Schema(description = "Keyed by category: up, down, maintenance, stopped, provisioning, unknown") Map<String, Amounts> totalByCategory,
        List<ResourceUsage> resources) {

    static final String EGRESS = "GiB (2^30 bytes) sent out by instances' interfaces, from KubeVirt's counters, in every hour the period"
            + " touches; 0 for other kinds and when no Prometheus is configured";

    public record ResourceUsage(String kind, String name, UUID id, Amounts total, @Schema(description = EGRESS) double egressGib,
            Map<String, Amounts> byCategory) {
    }

    /** Hours in the category, and what they bill. Rounded to 4 decimals. */
    public record Amounts(double hours, double vcpuHours, double memoryGibHours, double storageGibHours,
            @Schema(description = "Hours a public address was held, attached or not") double addressHours) {
        public static final Amounts ZERO = new Amounts(0, 0, 0, 0, 0);

        Amounts plus(Amounts o) {
            return new Amounts(hours + o.hours, vcpuHours + o.vcpuHours, memoryGibHours + o.memoryGibHours,
                    storageGibHours + o.storageGibHours, addressHours + o.addressHours);
        }

        Amounts rounded() {
            return new Amounts(Totals.round(hours, 4), Totals.round(vcpuHours, 4), Totals.round(memoryGibHours, 4),
                    Totals.round(storageGibHours, 4), Totals.round(addressHours, 4));
        }
    }
}
