package io.nuage.image;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.kubevirt.ImageObjects;
import io.nuage.kubevirt.TenantObjects;
import io.nuage.platform.NuageConfig;
import io.nuage.tenancy.Tenant;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What a boot disk needs of the image it clones, for an instance change to call inside its own transaction: the name is
 * looked up in the tenant's images first, then in the operator's catalog. The image's row is locked (shared) until that
 * transaction ends, so a delete of the image waits for it and sees what it wrote.
 */
@ApplicationScoped
public class BootImages {

    /**
     * The image a boot disk would clone.
     *
     * @param namespace and {@code dataSource}: the CDI DataSource for a dataVolumeTemplates entry's {@code sourceRef}
     * @param sizeGib the image's size: a boot disk must be at least as large
     * @param ready whether it is imported and published: a clone started before would wait for it
     */
    public record BootImage(UUID id, boolean inCatalog, String namespace, String dataSource, int sizeGib, boolean ready,
            String region) {
    }

    private static final String RESOLVE = """
            SELECT id, tenant_id, name, size_gib, phase, region FROM images
            WHERE (tenant_id = $1 OR tenant_id IS NULL) AND name = $2 AND deleted_at IS NULL AND delete_requested_at IS NULL
            ORDER BY tenant_id NULLS LAST LIMIT 1 FOR SHARE""";

    private final String catalogNamespace;

    BootImages(NuageConfig config) {
        this.catalogNamespace = config.images().namespace();
    }

    /** The tenant's image of that name, else the catalog's; null when neither has one (or it is being deleted). */
    public Uni<BootImage> resolve(SqlClient tx, Tenant tenant, String name) {
        return tx.preparedQuery(RESOLVE).execute(Tuple.of(tenant.id(), name))
                .map(rows -> rows.size() == 0 ? null : of(tenant, rows.iterator().next()));
    }

    private BootImage of(Tenant tenant, Row r) {
        boolean inCatalog = r.getUUID("tenant_id") == null;
        String namespace = inCatalog ? catalogNamespace : TenantObjects.namespaceName(tenant.name());
        return new BootImage(r.getUUID("id"), inCatalog, namespace, ImageObjects.objectName(r.getString("name"), !inCatalog),
                r.getInteger("size_gib"), ImagePhase.READY.key().equals(r.getString("phase")), r.getString("region"));
    }
}
