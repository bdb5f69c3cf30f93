package io.nuage.image;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.platform.RegionDirectory;
import io.nuage.db.ListFilter;
import io.nuage.db.Sql;
import io.nuage.db.Transactions;
import io.nuage.errors.NuageError;
import io.nuage.errors.Precondition;
import io.nuage.status.Conditions;
import io.nuage.storage.VolumeSource;
import io.nuage.tenancy.Regions;
import io.nuage.tenancy.Tenant;
import io.nuage.work.WorkItems;
import io.nuage.work.WorkKind;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Image rows, as the API reads and changes them. An image belongs to a catalog: the operator's ({@link #CATALOG}) or a
 * tenant's (its id); names are unique per catalog. A tenant image reserves its size on the tenant's storage quota in
 * the create's transaction, as a volume does; the catalog's count for nobody. Every change enqueues a pass with it.
 */
@ApplicationScoped
public class ImageStore {

    /** The catalog key of the operator's images (their tenant_id is null). */
    public static final UUID CATALOG = new UUID(0, 0);
    /** The images of one catalog: $1 is its key. */
    static final String IN_CATALOG = "COALESCE(tenant_id, '00000000-0000-0000-0000-000000000000') = $1";

    static final String COLUMNS = """
            id, tenant_id, name, region, size_gib, source_type, source_value, source_snapshot_volume, checksum, os, description, labels,
            generation, phase, progress, observed_size_gib, status_message, conditions, observed_generation, created_at,
            updated_at""";
    private static final String FIND = "SELECT %s FROM images WHERE %s AND name = $2 AND deleted_at IS NULL"
            .formatted(COLUMNS, IN_CATALOG);
    private static final String BY_ID = "SELECT %s FROM images WHERE %s AND id = $2 AND deleted_at IS NULL"
            .formatted(COLUMNS, IN_CATALOG);
    private static final String REREAD = "SELECT %s FROM images WHERE id = $1".formatted(COLUMNS);
    /** A page of a catalog; the list filter's conditions go where {@code %%s} is. */
    private static final String LIST = """
            SELECT %s FROM images WHERE %s AND deleted_at IS NULL AND name > $2%%s ORDER BY name LIMIT $3"""
            .formatted(COLUMNS, IN_CATALOG);
    private static final String INSERT = """
            INSERT INTO images (id, tenant_id, name, size_gib, source_type, source_value, source_snapshot_volume, checksum, os,
              description, labels, created_at, updated_at, region)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13)""";
    /** Takes the image's size from the tenant's storage, if the tenant is live and its quota allows. */
    private static final String RESERVE = """
            UPDATE tenants SET used_storage_gib = used_storage_gib + $2::int
            WHERE id = $1 AND deleted_at IS NULL AND used_storage_gib + $2::int <= quota_storage_gib RETURNING id""";

    /**
     * Live instances whose boot disk was cloned from image $1: KubeVirt makes a boot disk again from the image when its
     * DataVolume goes, so the image stays while they live. The image row is locked first, as a clone's create locks it.
     */
    private static final String BOOTED_FROM = """
            SELECT t.name AS tenant, i.name FROM instances i JOIN tenants t ON t.id = i.tenant_id
            WHERE i.boot_image_id = $1 AND i.deleted_at IS NULL ORDER BY t.name, i.name LIMIT 20""";

    private final Transactions db;

    ImageStore(Transactions db) {
        this.db = db;
    }

    /** Creates an image in the tenant's catalog, or in the operator's for a null {@code tenant}. */
    public Uni<Image> create(Tenant tenant, ImageSpec spec, Instant now) {
        UUID id = UUID.randomUUID();
        VolumeSource source = spec.source();
        return db.transaction(tx -> reserve(tx, tenant, spec.sizeGib())
                .chain(() -> tenant == null ? Uni.createFrom().voidItem() : Regions.requireHeld(tx, tenant.id(), spec.region()))
                .chain(() -> tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] { id, tenant == null ? null : tenant.id(),
                        spec.name(), spec.sizeGib(), source.type().key(), source.value(), source.volume(), spec.checksum(),
                        spec.os(), spec.description(), Sql.json(spec.labels()), Sql.timestamp(now), spec.region() })))
                .call(() -> WorkItems.enqueue(tx, WorkKind.IMAGE, id))
                .chain(() -> reread(tx, id)))
                .onFailure(Sql::isUniqueViolation)
                .transform(e -> NuageError.conflict("already_exists", "An image named '" + spec.name() + "' already exists"));
    }

    public Uni<Image> find(UUID catalog, String name) {
        return db.client().preparedQuery(FIND).execute(Tuple.of(catalog, name)).map(ImageStore::first);
    }

    public Uni<Image> findById(UUID catalog, UUID id) {
        return db.client().preparedQuery(BY_ID).execute(Tuple.of(catalog, id)).map(ImageStore::first);
    }

    public Uni<List<Image>> list(UUID catalog, String after, int limit, ListFilter filter) {
        List<Object> params = new ArrayList<>(List.of(catalog, after == null ? "" : after, limit));
        return db.client().preparedQuery(LIST.formatted(filter.sql("images", params)))
                .execute(Tuple.from(params))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(ImageStore::map).toList());
    }

    /**
     * First phase of a delete: the row is marked for the reconciler, which removes the DataSource, then the DataVolume
     * and its PVC. Boot disks are clones, so they keep their data once made. 409 while it is being deleted already.
     */
    public Uni<Image> requestDelete(UUID catalog, String name, Instant now, Precondition<Image> expect) {
        return db.transaction(tx -> tx.preparedQuery("""
                SELECT id, delete_requested_at FROM images WHERE %s AND name = $2 AND deleted_at IS NULL FOR UPDATE"""
                .formatted(IN_CATALOG)).execute(Tuple.of(catalog, name))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw NuageError.notFound("image", name);
                    }
                    Row r = rows.iterator().next();
                    if (r.getValue("delete_requested_at") != null) {
                        throw NuageError.conflict("image_deleting", "Image '" + name + "' is being deleted");
                    }
                    return r.getUUID("id");
                })
                .call(id -> expect.verify(() -> reread(tx, id)))
                .call(id -> tx.preparedQuery(BOOTED_FROM).execute(Tuple.of(id)).invoke(rows -> {
                    if (rows.size() > 0) {
                        List<String> instances = new ArrayList<>();
                        rows.forEach(r -> instances.add(r.getString("tenant") + "/" + r.getString("name")));
                        throw NuageError.conflict("image_in_use", "Instances boot from disks cloned from image '" + name + "' ("
                                + String.join(", ", instances) + "): delete them first", Map.of("instances", instances));
                    }
                }))
                .call(id -> tx.preparedQuery("""
                        UPDATE images SET delete_requested_at = $2, phase = 'deleting', updated_at = $2, generation = generation + 1
                        WHERE id = $1""").execute(Tuple.of(id, Sql.timestamp(now))))
                .call(id -> WorkItems.enqueue(tx, WorkKind.IMAGE, id))
                .chain(id -> reread(tx, id)));
    }

    /** A catalog image takes nothing; a tenant image its size, or the create is refused (quota, or the tenant is gone). */
    private Uni<Void> reserve(SqlClient tx, Tenant tenant, int sizeGib) {
        if (tenant == null) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(RESERVE).execute(Tuple.of(tenant.id(), sizeGib))
                .chain(rows -> rows.size() > 0 ? Uni.createFrom().voidItem()
                        : ImageQuota.refused(tx, tenant, sizeGib).map(e -> {
                            throw e;
                        }));
    }

    private static Uni<Image> reread(SqlClient tx, UUID id) {
        return tx.preparedQuery(REREAD).execute(Tuple.of(id)).map(ImageStore::first);
    }

    private static Image first(RowSet<Row> rows) {
        return rows.size() == 0 ? null : map(rows.iterator().next());
    }

    static Image map(Row r) {
        ImageStatus status = status(r);
        return new Image(r.getUUID("id"), r.getString("name"), r.getString("region"),
                RegionDirectory.countryOf(r.getString("region")), r.getInteger("size_gib"), source(r), r.getString("checksum"),
                r.getString("os"), r.getString("description"), Sql.stringMap(r, "labels"), r.getLong("generation"), status,
                Sql.instant(r, "created_at"), Sql.instant(r, "updated_at"));
    }

    static VolumeSource source(Row r) {
        return VolumeSource.of(VolumeSource.Type.of(r.getString("source_type")), r.getString("source_value"),
                r.getString("source_snapshot_volume"));
    }

    /** The status as last written; the checksum counts as verified once CDI has imported the image against it. */
    static ImageStatus status(Row r) {
        ImagePhase phase = ImagePhase.of(r.getString("phase"));
        Object progress = r.getValue("progress");
        return new ImageStatus(phase, progress == null ? null : ((Number) progress).doubleValue(), r.getInteger("observed_size_gib"),
                phase == ImagePhase.READY ? r.getString("checksum") : null, r.getString("status_message"),
                Conditions.fromJson(r.getJsonArray("conditions")), r.getLong("observed_generation"));
    }
}
