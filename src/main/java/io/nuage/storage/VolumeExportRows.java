package io.nuage.storage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.db.Sql;
import io.nuage.db.Transactions;
import io.nuage.platform.SecretBox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The disk export rows as the reconciler reads and writes them. */
@ApplicationScoped
public class VolumeExportRows {

    /** The live row with its tenant's and volume's names, and the sealed token. */
    private static final String RECONCILABLE = """
            SELECT %s, e.generation, e.observed_generation, e.token_sealed, e.delete_requested_at,
              (SELECT t.name FROM tenants t WHERE t.id = e.tenant_id) AS tenant_name
            FROM volume_exports e WHERE e.id = $1 AND e.deleted_at IS NULL""".formatted(VolumeExportStore.COLUMNS);

    private final Transactions db;
    private final SecretBox secrets;

    VolumeExportRows(Transactions db, SecretBox secrets) {
        this.db = db;
        this.secrets = secrets;
    }

    /** Everything a pass needs about one export; {@code export.volume()} is also its PVC's name. */
    public record Reconcilable(UUID id, String tenant, VolumeExport export, long generation, long observedGeneration,
            byte[] tokenSealed, boolean deleting) {
    }

    /** What a pass observed. */
    public record Observed(ExportPhase phase, String message, List<ExportLink> links) {
    }

    /** The live (not tombstoned) export, or null. */
    public Uni<Reconcilable> reconcilable(UUID id) {
        return db.client().preparedQuery(RECONCILABLE).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row r = rows.iterator().next();
            return new Reconcilable(r.getUUID("id"), r.getString("tenant_name"), VolumeExportStore.map(r),
                    r.getLong("generation"), r.getLong("observed_generation"), r.getBuffer("token_sealed").getBytes(), r.getValue("delete_requested_at") != null);
        });
    }

    /** The token in plain text, for the Secret KubeVirt's export server reads; never logged. */
    public String openToken(byte[] sealed) {
        return secrets.open(sealed);
    }

    /** Writes observed status, only if the desired state is still the generation the pass worked from. */
    public Uni<Boolean> writeStatus(UUID id, long generation, Observed observed) {
        return db.client().preparedQuery("""
                UPDATE volume_exports SET phase = $3, status_message = $4, links = $5, observed_generation = $2
                WHERE id = $1 AND generation = $2 AND deleted_at IS NULL""")
                .execute(Tuple.of(id, generation, observed.phase().key(), observed.message(), VolumeExportStore.toJson(observed.links())))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Second phase of a delete: the objects are gone; the row stays as history, its sealed token wiped. */
    public Uni<Void> tombstone(UUID id, Instant now) {
        return db.client().preparedQuery("""
                UPDATE volume_exports SET deleted_at = $2, phase = 'deleted', links = '[]', token_sealed = ''::bytea
                WHERE id = $1 AND delete_requested_at IS NOT NULL AND deleted_at IS NULL""")
                .execute(Tuple.of(id, Sql.timestamp(now))).replaceWithVoid();
    }
}
