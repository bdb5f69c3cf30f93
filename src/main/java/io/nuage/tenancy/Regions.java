package io.nuage.tenancy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.nuage.errors.NuageError;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Where a tenant's resources may live: one of its own regions, which the installation must offer; and what must share a
 * region (a volume and its instance, a NIC's network and its instance, a boot disk's image and its instance...).
 */
public final class Regions {

    private Regions() {
    }

    /** Refuses with 422 a region that is not the tenant's, or that this installation does not offer. */
    public static void check(Tenant tenant, String region, List<String> offered) {
        if (!tenant.regions().contains(region)) {
            throw notAllowed(region, tenant.regions());
        }
        if (!offered.contains(region)) {
            throw NuageError.rejected("region_not_allowed", "This installation does not offer region '" + region + "'", null);
        }
    }

    /** 422 region_not_allowed: {@code region} is not among the tenant's {@code allowed}. */
    public static NuageError notAllowed(String region, List<String> allowed) {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("region", region);
        ext.put("allowed_regions", allowed);
        return NuageError.rejected("region_not_allowed", "Region '" + region + "' is not one of the tenant's regions " + allowed, ext);
    }

    /**
     * Checks {@code region} again, through {@code tx}, once it holds the tenant row's lock: a create checked the region
     * it was asked before its transaction, and the operator may have removed that region from the tenant since (their
     * PATCH locks the same row, so what this reads is what stands until this transaction ends).
     */
    public static Uni<Void> requireHeld(SqlClient tx, UUID tenantId, String region) {
        return tx.preparedQuery("SELECT regions FROM tenants WHERE id = $1").execute(Tuple.of(tenantId)).invoke(rows -> {
            List<String> regions = Arrays.asList(rows.iterator().next().getArrayOfStrings("regions"));
            if (!regions.contains(region)) {
                throw notAllowed(region, regions);
            }
        }).replaceWithVoid();
    }

    /** The region a new resource lives in: the one asked for, else {@code fallback}, else the tenant's first; checked. */
    public static String of(Tenant tenant, String asked, String fallback, List<String> offered) {
        String region = asked != null ? asked : fallback != null ? fallback : tenant.regions().get(0);
        check(tenant, region, offered);
        return region;
    }

    /**
     * Refuses with 422 region_mismatch {@code what} (e.g. "Volume 'data'") in {@code region} joining {@code other} (e.g.
     * "instance 'web-1'") in {@code otherRegion}: a VM reaches only the disks and networks of the nodes it runs on.
     */
    public static void requireSame(String what, String region, String other, String otherRegion) {
        if (region != null && otherRegion != null && !region.equals(otherRegion)) {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("region", region);
            facts.put("other_region", otherRegion);
            throw NuageError.rejected("region_mismatch", what + " is in region '" + region + "', " + other + " in '" + otherRegion
                    + "': both must be in the same region", facts);
        }
    }
}
