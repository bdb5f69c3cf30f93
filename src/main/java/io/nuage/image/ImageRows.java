package io.nuage.image;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.db.Sql;
import io.nuage.db.Transactions;
import io.nuage.sla.Recorded;
import io.nuage.status.Conditions;
import io.nuage.storage.VolumeSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Image rows as the reconciler reads and writes them: what a pass needs, the status it observed, the tombstone. */
@ApplicationScoped
public class ImageRows {

    /** The live row with its tenant's name (none for the catalog's) and what the ledger last recorded of it. */
    private static final String RECONCILABLE = """
            SELECT m.*, t.name AS tenant_name, %s
            FROM images m LEFT JOIN tenants t ON t.id = m.tenant_id LEFT JOIN ledger_resources l ON l.resource_id = m.id
            WHERE m.id = $1 AND m.deleted_at IS NULL""".formatted(Recorded.columns("l"));

    /** Second phase of a delete: the row stays as history, and a tenant image gives its size back to the tenant. */
    private static final String TOMBSTONE = """
            WITH gone AS (
              UPDATE images SET deleted_at = $2, phase = 'deleted'
              WHERE id = $1 AND delete_requested_at IS NOT NULL AND deleted_at IS NULL RETURNING tenant_id, size_gib)
            UPDATE tenants t SET used_storage_gib = used_storage_gib - gone.size_gib FROM gone WHERE t.id = gone.tenant_id""";

    private final Transactions db;

    ImageRows(Transactions db) {
        this.db = db;
    }

    /** Who an image is and whose: {@code tenantId} and {@code tenant} are null for the catalog's. */
    public record Ref(UUID id, UUID tenantId, String tenant, String name, Instant createdAt) {
        public boolean inCatalog() {
            return tenantId == null;
        }
    }

    /** Everything a reconcile pass needs about one image. */
    public record Reconcilable(Ref ref, int sizeGib, VolumeSource source, String checksum, long generation, boolean deleting,
            ImageStatus status, Recorded recorded) {
        public UUID id() {
            return ref.id();
        }
    }

    /** The live (not tombstoned) image, or null. */
    public Uni<Reconcilable> reconcilable(UUID id) {
        return db.client().preparedQuery(RECONCILABLE).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row r = rows.iterator().next();
            Ref ref = new Ref(r.getUUID("id"), r.getUUID("tenant_id"), r.getString("tenant_name"), r.getString("name"),
                    Sql.instant(r, "created_at"));
            return new Reconcilable(ref, r.getInteger("size_gib"), ImageStore.source(r), r.getString("checksum"),
                    r.getLong("generation"), r.getValue("delete_requested_at") != null, ImageStore.status(r), Recorded.of(r));
        });
    }

    /** Writes observed status if the desired state is still the generation the pass worked from. */
    public Uni<Boolean> writeStatus(UUID id, long generation, ImageStatus status) {
        return db.client().preparedQuery("""
                UPDATE images SET phase = $3, progress = $4, observed_size_gib = $5, status_message = $6, conditions = $7,
                  observed_generation = $8
                WHERE id = $1 AND generation = $2 AND deleted_at IS NULL""")
                .execute(Tuple.from(new Object[] { id, generation, status.phase().key(), status.progress(), status.sizeGib(),
                        status.message(), Conditions.toJson(status.conditions()), status.observedGeneration() }))
                .map(rows -> rows.rowCount() > 0);
    }

    /** The DataVolume, its PVC and the DataSource are gone: the row becomes a tombstone. */
    public Uni<Void> tombstone(UUID id, Instant now) {
        return db.client().preparedQuery(TOMBSTONE).execute(Tuple.of(id, Sql.timestamp(now))).replaceWithVoid();
    }
}
