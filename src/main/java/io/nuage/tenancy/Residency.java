package io.nuage.tenancy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.nuage.db.Transactions;
import io.nuage.platform.Region;
import io.nuage.platform.RegionDirectory;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Where each live resource of a tenant is: its region, that region's country and cluster, and an instance's node. */
@ApplicationScoped
public class Residency {

    /** The kinds listed, as {@code kind} names them. */
    public static final List<String> KINDS = List.of("image", "instance", "network", "public_ip", "snapshot", "volume");

    /**
     * Every live resource (deleting ones included) of tenant $1 that lives in a region: a snapshot is in its instance's.
     * The operator's catalog images serve every region and are no tenant's.
     */
    static final String RESOURCES = """
            SELECT 'instance' AS kind, name, id, region, node FROM instances WHERE tenant_id = $1 AND deleted_at IS NULL
            UNION ALL SELECT 'volume', name, id, region, NULL FROM volumes WHERE tenant_id = $1 AND deleted_at IS NULL
            UNION ALL SELECT 'network', name, id, region, NULL FROM networks WHERE tenant_id = $1 AND deleted_at IS NULL
            UNION ALL SELECT 'snapshot', s.name, s.id, i.region, NULL FROM snapshots s JOIN instances i ON i.id = s.instance_id
              WHERE s.tenant_id = $1 AND s.deleted_at IS NULL
            UNION ALL SELECT 'image', name, id, region, NULL FROM images WHERE tenant_id = $1 AND deleted_at IS NULL
            UNION ALL SELECT 'public_ip', name, id, region, NULL FROM public_ips WHERE tenant_id = $1 AND deleted_at IS NULL""";

    /** A page ordered by kind then name, after ($2, $3), of kind $5 and region $6 when they are set. */
    private static final String PAGE = """
            SELECT * FROM (%s) r WHERE (kind, name) > ($2, $3) AND ($5::text IS NULL OR kind = $5)
              AND ($6::text IS NULL OR region = $6) ORDER BY kind, name LIMIT $4""".formatted(RESOURCES);

    /** One resource and where it lives. */
    @Schema(name = "ResidencyEntry")
    public record Resident(
            @Schema(required = true, enumeration = { "image", "instance", "network", "public_ip", "snapshot", "volume" }) String kind,
            @Schema(required = true) String name,
            @Schema(required = true) UUID id,
            @Schema(required = true) String region,
            @Schema(description = "ISO 3166-1 alpha-2; null for a region the installation no longer offers") String country,
            @Schema(description = "The Kubernetes cluster that serves the region, as the operator names it") String cluster,
            @Schema(description = "Instances: the node its VM runs on, null while it runs nowhere") String node) {
    }

    private final Transactions db;
    private final RegionDirectory regions;

    Residency(Transactions db, RegionDirectory regions) {
        this.db = db;
        this.regions = regions;
    }

    /** After the resource {@code afterKind}/{@code afterName} (exclusive, "" for the first page), at most {@code limit}. */
    public Uni<List<Resident>> list(UUID tenantId, String afterKind, String afterName, int limit, String kind, String region) {
        return db.client().preparedQuery(PAGE)
                .execute(Tuple.from(new Object[] { tenantId, afterKind, afterName, limit, kind, region }))
                .map(rows -> {
                    List<Resident> list = new ArrayList<>();
                    rows.forEach(r -> list.add(resident(r)));
                    return list;
                });
    }

    private Resident resident(Row r) {
        Region where = regions.find(r.getString("region"));
        return new Resident(r.getString("kind"), r.getString("name"), r.getUUID("id"), r.getString("region"),
                where == null ? null : where.country(), where == null ? null : where.cluster(), r.getString("node"));
    }
}
