package io.nuage.compute;

import java.util.List;
import java.util.UUID;

import io.nuage.tenancy.Regions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * An instance reaches only the volumes and networks of its own region: a VM runs on that region's nodes, which see that
 * region's storage and layer-2 segments alone. Checked where an instance gets them, in the writer's transaction.
 */
final class SameRegion {

    /** The first of the tenant's live volumes ($2) and networks ($3) named that is in another region than $4. */
    private static final String OTHER_REGION = """
            SELECT kind, name, region FROM (
              SELECT 'Volume' AS kind, name, region FROM volumes
              WHERE tenant_id = $1 AND name = ANY($2::text[]) AND deleted_at IS NULL AND region <> $4
              UNION ALL
              SELECT 'Network', name, region FROM networks
              WHERE tenant_id = $1 AND name = ANY($3::text[]) AND deleted_at IS NULL AND region <> $4) other
            ORDER BY kind DESC, name LIMIT 1""";

    private SameRegion() {
    }

    /** 422 region_mismatch for a volume or network named that is not in {@code region}, the instance's. */
    static Uni<Void> require(SqlClient tx, UUID tenantId, String instance, String region, List<String> volumes,
            List<String> networks) {
        if (volumes.isEmpty() && networks.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(OTHER_REGION)
                .execute(Tuple.of(tenantId, volumes.toArray(String[]::new), networks.toArray(String[]::new), region))
                .invoke(rows -> {
                    if (rows.size() > 0) {
                        Row r = rows.iterator().next();
                        Regions.requireSame(r.getString("kind") + " '" + r.getString("name") + "'", r.getString("region"),
                                "instance '" + instance + "'", region);
                    }
                })
                .replaceWithVoid();
    }
}
