package io.nuage.api;

import java.util.HashSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.errors.FieldError;
import io.nuage.errors.NuageError;
import io.nuage.platform.NuageConfig;
import io.nuage.platform.RegionDirectory;
import io.nuage.tenancy.Quota;

/** What a valid tenant is: name, quota bounds, offered regions, the SLA tiers we sell. */
@ApplicationScoped
class TenantRules {

    /** Tenant names become namespaces "nuage-<name>", and prefix other names: keep them short. */
    static final int NAME_MAX = 40;
    static final double SLA_MIN = 98.0;
    static final double SLA_MAX = 99.99;
    static final int DISPLAY_NAME_MAX = 200;

    private final NuageConfig config;
    private final RegionDirectory regions;

    TenantRules(NuageConfig config, RegionDirectory regions) {
        this.config = config;
        this.regions = regions;
    }

    Quota defaultQuota() {
        NuageConfig.TenantDefaults d = config.tenantDefaults();
        return new Quota(d.vcpus(), d.memoryMib(), d.storageGib(), d.instances(), d.networks(), d.volumes(), d.snapshots(),
                d.tokens(), d.publicIps());
    }

    List<String> defaultRegions() {
        return List.of(config.defaultRegion());
    }

    double defaultSlaTarget() {
        return config.tenantDefaults().slaTarget();
    }

    void checkQuota(Checks checks, Quota q) {
        if (q == null) {
            return;
        }
        checks.range(q.vcpus(), "quota.vcpus", 0, Quota.VCPUS_MAX)
                .range(q.memoryMib(), "quota.memory_mib", 0, Quota.MEMORY_MIB_MAX)
                .range(q.storageGib(), "quota.storage_gib", 0, Quota.STORAGE_GIB_MAX)
                .range(q.instances(), "quota.instances", 0, Quota.COUNT_MAX)
                .range(q.networks(), "quota.networks", 0, Quota.COUNT_MAX)
                .range(q.volumes(), "quota.volumes", 0, Quota.COUNT_MAX)
                .range(q.snapshots(), "quota.snapshots", 0, Quota.COUNT_MAX)
                .range(q.tokens(), "quota.tokens", 0, Quota.COUNT_MAX)
                .range(q.publicIps(), "quota.public_ips", 0, Quota.COUNT_MAX);
    }

    void checkRegions(Checks checks, List<String> asked) {
        if (asked == null) {
            return;
        }
        checks.check(!asked.isEmpty(), "regions", "must name at least one region");
        checks.check(new HashSet<>(asked).size() == asked.size(), "regions", "must not repeat a region");
        for (int i = 0; i < asked.size(); i++) {
            String r = asked.get(i);
            checks.check(r != null && regions.offers(r), "regions[" + i + "]",
                    "unknown region; this installation offers " + regions.names());
        }
    }

    /** 422 region_not_allowed for a region this installation does not offer (a change of regions, where 400 would hide it). */
    void requireOffered(List<String> asked) {
        if (asked == null) {
            return;
        }
        for (int i = 0; i < asked.size(); i++) {
            if (asked.get(i) != null && !regions.offers(asked.get(i))) {
                throw NuageError.rejectedField("region_not_allowed", "This installation does not offer region '" + asked.get(i)
                        + "'; it offers " + regions.names(), new FieldError("regions[" + i + "]", "not offered"));
            }
        }
    }

    void checkSlaTarget(Checks checks, Double target) {
        if (target == null) {
            return;
        }
        boolean twoDecimals = Math.abs(target * 100 - Math.rint(target * 100)) < 1e-6;
        checks.check(target >= SLA_MIN && target <= SLA_MAX && twoDecimals, "sla_target",
                "must be a percentage from " + SLA_MIN + " to " + SLA_MAX + " with at most two decimals");
    }

    void checkDisplayName(Checks checks, String displayName) {
        checks.check(displayName == null || displayName.length() <= DISPLAY_NAME_MAX, "display_name",
                "at most " + DISPLAY_NAME_MAX + " characters");
    }
}
