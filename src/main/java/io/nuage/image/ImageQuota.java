package io.nuage.image;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.nuage.errors.NuageError;
import io.nuage.tenancy.Tenant;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Why a tenant image's create took no storage: the tenant is gone, or the image does not fit in its storage quota. */
final class ImageQuota {

    private ImageQuota() {
    }

    /** The refusal, with the quota, the usage and the request, as a volume's ({@code storage_gib} only). */
    static Uni<NuageError> refused(SqlClient client, Tenant tenant, int requestGib) {
        return client.preparedQuery("SELECT quota_storage_gib, used_storage_gib, deleted_at FROM tenants WHERE id = $1")
                .execute(Tuple.of(tenant.id())).map(rows -> {
                    Row r = rows.iterator().next();
                    if (r.getValue("deleted_at") != null) {
                        return NuageError.notFound("tenant", tenant.name());
                    }
                    Map<String, Object> facts = new LinkedHashMap<>();
                    facts.put("exceeded", List.of("storage_gib"));
                    facts.put("quota", Map.of("storage_gib", r.getInteger("quota_storage_gib")));
                    facts.put("usage", Map.of("storage_gib", r.getLong("used_storage_gib")));
                    facts.put("request", Map.of("storage_gib", requestGib));
                    return NuageError.rejected("quota_exceeded", "The request would exceed the tenant quota for storage_gib", facts);
                });
    }
}
