package io.nuage.storage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.nuage.errors.NuageError;
import io.nuage.tenancy.Tenant;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The tenant's storage quota, as volumes use it: usage lives on the tenant row and moves with conditional
 * UPDATEs (a create reserves it in its own statement), so concurrent requests cannot overshoot it. A refusal
 * is a {@code quota_exceeded} with the quota, the usage and the request.
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
                        : refused(reader, tenantId, growth).map(e -> {
                            throw e;
                        }));
    }

    /** Why a create took no storage: the tenant is gone (deleted since the request found it), or its quota is full. */
    static Uni<NuageError> createRefused(SqlClient client, Tenant tenant, int requestGib) {
        return client.preparedQuery("SELECT quota_storage_gib, used_storage_gib, deleted_at FROM tenants WHERE id = $1")
                .execute(Tuple.of(tenant.id())).map(rows -> {
                    Row r = rows.iterator().next();
                    return r.getValue("deleted_at") != null ? NuageError.notFound("tenant", tenant.name()) : exceeded(r, requestGib);
                });
    }

    /** Why storage was not taken: the quota is full. */
    static Uni<NuageError> refused(SqlClient client, UUID tenantId, int requestGib) {
        return client.preparedQuery("SELECT quota_storage_gib, used_storage_gib FROM tenants WHERE id = $1")
                .execute(Tuple.of(tenantId)).map(rows -> exceeded(rows.iterator().next(), requestGib));
    }

    private static NuageError exceeded(Row r, int requestGib) {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("exceeded", List.of("storage_gib"));
        ext.put("quota", Map.of("storage_gib", r.getInteger("quota_storage_gib")));
        ext.put("usage", Map.of("storage_gib", r.getLong("used_storage_gib")));
        ext.put("request", Map.of("storage_gib", requestGib));
        return NuageError.rejected("quota_exceeded", "The request would exceed the tenant quota for storage_gib", ext);
    }
}
