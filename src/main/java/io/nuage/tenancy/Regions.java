package io.nuage.tenancy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.nuage.errors.NuageError;

/** Where a tenant's resources may live: one of its own regions, which the installation must offer. */
public final class Regions {

    private Regions() {
    }

    /** Refuses with 422 a region that is not the tenant's, or that this installation does not offer. */
    public static void check(Tenant tenant, String region, List<String> offered) {
        if (!tenant.regions().contains(region)) {
            Map<String, Object> ext = new LinkedHashMap<>();
            ext.put("region", region);
            ext.put("allowed_regions", tenant.regions());
            throw NuageError.rejected("region_not_allowed",
                    "Region '" + region + "' is not one of the tenant's regions " + tenant.regions(), ext);
        }
        if (!offered.contains(region)) {
            throw NuageError.rejected("region_not_allowed", "This installation does not offer region '" + region + "'", null);
        }
    }
}
