package io.nuage.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.nuage.errors.NuageError;
import io.nuage.tenancy.Regions;
import io.nuage.tenancy.Tenant;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The tenant's quota of storage and of volumes, as volumes use it: usage lives on the tenant row and moves with
 * conditional UPDATEs (a create reserves both in its own statement), so concurrent requests cannot overshoot it. A
 * refusal is a {@code quota_exceeded} with the quota, the usage and the request.
 */
final class VolumeQuota {

    /** Takes a growth, in the caller's transaction with the volume row locked; refuses growth past the quota. */
    private static final String GROW = """
            UPDATE tenants SET used_storage_gib = used_storage_gib + $2::int
            WHERE id = $1 AND used_storage_gib + $2::int <= quota_storage_gib RETURNING id""";

    private VolumeQuota() {
    }

    /** Grows the usage through {@code tx}; a refusal reads the usage through {@code reader}. */
    static Uni<Void> grow(SqlClient tx, SqlClient reader, UUID tenantId, int growth) {
        return tx.preparedQuery(GROW).execute(Tuple.of(tenantId, growth))
                .chain(rows -> rows.size() > 0 ? Uni.createFrom().voidItem()
                        : refused(reader, tenantId, growth, 0).map(e -> {
                            throw e;
                        }));
    }

    /**
     * Why a create took no storage: the tenant is gone (deleted since the request found it), the region is no longer
     * among its regions (removed since), or its quota of storage or volumes is full.
     */
    static Uni<NuageError> createRefused(SqlClient client, Tenant tenant, int requestGib, String region) {
        return client.preparedQuery("""
                SELECT quota_storage_gib, used_storage_gib, quota_volumes, used_volumes, deleted_at, regions FROM tenants WHERE id = $1""")
                .execute(Tuple.of(tenant.id())).map(rows -> {
                    Row r = rows.iterator().next();
                    List<String> regions = Arrays.asList(r.getArrayOfStrings("regions"));
                    return r.getValue("deleted_at") != null ? NuageError.notFound("tenant", tenant.name())
                            : !regions.contains(region) ? Regions.notAllowed(region, regions) : exceeded(r, requestGib, 1);
                });
    }

    /** Why storage (and, for a create, one volume) was not taken: the quota is full. */
    static Uni<NuageError> refused(SqlClient client, UUID tenantId, int requestGib, int requestVolumes) {
        return client.preparedQuery("""
                SELECT quota_storage_gib, used_storage_gib, quota_volumes, used_volumes FROM tenants WHERE id = $1""")
                .execute(Tuple.of(tenantId)).map(rows -> exceeded(rows.iterator().next(), requestGib, requestVolumes));
    }

    private static NuageError exceeded(Row r, int requestGib, int requestVolumes) {
        List<String> over = new ArrayList<>();
        if (r.getLong("used_storage_gib") + requestGib > r.getInteger("quota_storage_gib")) {
            over.add("storage_gib");
        }
        if (requestVolumes > 0 && r.getInteger("used_volumes") + requestVolumes > r.getInteger("quota_volumes")) {
            over.add("volumes");
        }
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("exceeded", over);
        ext.put("quota", Map.of("storage_gib", r.getInteger("quota_storage_gib"), "volumes", r.getInteger("quota_volumes")));
        ext.put("usage", Map.of("storage_gib", r.getLong("used_storage_gib"), "volumes", r.getInteger("used_volumes")));
        ext.put("request", Map.of("storage_gib", requestGib, "volumes", requestVolumes));
        return NuageError.rejected("quota_exceeded", "The request would exceed the tenant quota for " + String.join(", ", over), ext);
    }
}
