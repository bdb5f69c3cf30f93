package io.nuage.storage;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.db.ListFilter;
import io.nuage.db.Sql;
import io.nuage.db.Transactions;
import io.nuage.errors.NuageError;
import io.nuage.errors.Precondition;
import io.nuage.platform.SecretBox;
import io.nuage.tenancy.Tenant;
import io.nuage.work.WorkItems;
import io.nuage.work.WorkKind;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Disk exports as the API reads and changes them. A create checks the volume on its locked row (ready, not being
 * deleted), writes the export with its token sealed, and enqueues its pass in the same transaction; the token itself
 * is returned once and kept nowhere in plain text. Exports are listed by id: they have no name.
 */
@ApplicationScoped
public class VolumeExportStore {

    /** An export as {@link #map} reads it, with its volume's name (alias e for volume_exports). */
    static final String COLUMNS = """
            e.id, e.ttl_seconds, e.expires_at, e.phase, e.status_message, e.links, e.created_at,
            (SELECT v.name FROM volumes v WHERE v.id = e.volume_id) AS volume""";
    private static final String FIND = """
            SELECT %s FROM volume_exports e JOIN volumes v ON v.id = e.volume_id
            WHERE e.tenant_id = $1 AND v.name = $2 AND v.deleted_at IS NULL AND e.id = $3 AND e.deleted_at IS NULL""".formatted(COLUMNS);
    private static final String BY_ID = "SELECT %s FROM volume_exports e WHERE e.tenant_id = $1 AND e.id = $2 AND e.deleted_at IS NULL"
            .formatted(COLUMNS);
    private static final String REREAD = "SELECT %s FROM volume_exports e WHERE e.id = $1".formatted(COLUMNS);
    /** A page of a volume's exports, by id; the list filter's conditions go where {@code %%s} is. */
    private static final String LIST = """
            SELECT %s FROM volume_exports e WHERE e.tenant_id = $1 AND e.volume_id = $4 AND e.deleted_at IS NULL
              AND e.id::text > $2%%s ORDER BY e.id::text LIMIT $3""".formatted(COLUMNS);
    private static final String INSERT = """
            INSERT INTO volume_exports (id, tenant_id, volume_id, ttl_seconds, expires_at, token_sealed, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $7)""";
    private static final String REQUEST_DELETE = """
            UPDATE volume_exports SET delete_requested_at = $2, phase = 'deleting', updated_at = $2, generation = generation + 1
            WHERE id = ANY($1) AND delete_requested_at IS NULL AND deleted_at IS NULL RETURNING id""";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Transactions db;
    private final SecretBox secrets;

    VolumeExportStore(Transactions db, SecretBox secrets) {
        this.db = db;
        this.secrets = secrets;
    }

    /**
     * Exports the volume for {@code ttlSeconds}: 404 when there is no such volume, 409 unless it is ready. The answer
     * carries the token, the only time it is shown.
     */
    public Uni<VolumeExport> create(Tenant tenant, String volume, int ttlSeconds, Instant now) {
        UUID id = UUID.randomUUID();
        String token = newToken();
        return db.transaction(tx -> lockReadyVolume(tx, tenant, volume)
                .chain(volumeId -> tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] { id, tenant.id(), volumeId, ttlSeconds,
                        Sql.timestamp(now.plusSeconds(ttlSeconds)), Buffer.buffer(secrets.seal(token)), Sql.timestamp(now) })))
                .chain(() -> WorkItems.enqueue(tx, WorkKind.VOLUME_EXPORT, id))
                .chain(() -> reread(tx, id)))
                .map(e -> e.withToken(token));
    }

    /** The volume's export of that id, or null. */
    public Uni<VolumeExport> find(UUID tenantId, String volume, UUID id) {
        return db.client().preparedQuery(FIND).execute(Tuple.of(tenantId, volume, id)).map(VolumeExportStore::first);
    }

    /** The tenant's export of that id, whichever its volume, or null. */
    public Uni<VolumeExport> findById(UUID tenantId, UUID id) {
        return db.client().preparedQuery(BY_ID).execute(Tuple.of(tenantId, id)).map(VolumeExportStore::first);
    }

    /** A page of the volume's exports: 404 when there is no such volume. */
    public Uni<List<VolumeExport>> list(UUID tenantId, String volume, String after, int limit, ListFilter filter) {
        return volumeId(db.client(), tenantId, volume).chain(volumeId -> {
            List<Object> params = new ArrayList<>(List.of(tenantId, after == null ? "" : after, limit, volumeId));
            return db.client().preparedQuery(LIST.formatted(filter.sql("e", params))).execute(Tuple.from(params)).map(rows -> {
                List<VolumeExport> list = new ArrayList<>();
                rows.forEach(r -> list.add(map(r)));
                return list;
            });
        });
    }

    /** Ends an export at once: its objects go, then it is gone. 404 when there is none; deleting it again changes nothing. */
    public Uni<VolumeExport> requestDelete(Tenant tenant, String volume, UUID id, Instant now, Precondition<VolumeExport> expect) {
        return db.transaction(tx -> tx.preparedQuery("""
                SELECT e.id FROM volume_exports e JOIN volumes v ON v.id = e.volume_id
                WHERE e.tenant_id = $1 AND v.name = $2 AND v.deleted_at IS NULL AND e.id = $3 AND e.deleted_at IS NULL
                FOR UPDATE OF e""").execute(Tuple.of(tenant.id(), volume, id))
                .invoke(rows -> {
                    if (rows.size() == 0) {
                        throw NuageError.notFound("export", id.toString());
                    }
                })
                .call(() -> expect.verify(() -> reread(tx, id)))
                .chain(() -> tx.preparedQuery(REQUEST_DELETE).execute(Tuple.of(new UUID[] { id }, Sql.timestamp(now))))
                .chain(() -> WorkItems.enqueue(tx, WorkKind.VOLUME_EXPORT, id))
                .chain(() -> reread(tx, id)));
    }

    /** In a volume's delete: its exports end with it (their objects go first, as for a delete of each). */
    static Uni<Void> endAll(SqlClient tx, UUID volumeId, Instant now) {
        return tx.preparedQuery("SELECT id FROM volume_exports WHERE volume_id = $1 AND deleted_at IS NULL")
                .execute(Tuple.of(volumeId))
                .chain(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getUUID("id")));
                    return ids.isEmpty() ? Uni.createFrom().voidItem()
                            : tx.preparedQuery(REQUEST_DELETE).execute(Tuple.of(ids.toArray(UUID[]::new), Sql.timestamp(now)))
                                    .chain(() -> WorkItems.enqueue(tx, WorkKind.VOLUME_EXPORT, ids));
                });
    }

    /** The live volume's id, locked against its delete until the export is written: 404, or 409 unless it is ready. */
    private static Uni<UUID> lockReadyVolume(SqlClient tx, Tenant tenant, String volume) {
        return tx.preparedQuery("""
                SELECT id, phase, delete_requested_at FROM volumes
                WHERE tenant_id = $1 AND name = $2 AND deleted_at IS NULL FOR SHARE""")
                .execute(Tuple.of(tenant.id(), volume))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw NuageError.notFound("volume", volume);
                    }
                    Row r = rows.iterator().next();
                    VolumePhase phase = VolumePhase.of(r.getString("phase"));
                    if (r.getValue("delete_requested_at") != null || phase == VolumePhase.DELETING) {
                        throw NuageError.conflict("volume_deleting", "Volume '" + volume + "' is being deleted");
                    }
                    if (phase == VolumePhase.FAILED) {
                        throw NuageError.conflict("volume_failed", "Volume '" + volume + "' has failed: there is nothing to export");
                    }
                    if (phase != VolumePhase.READY) {
                        throw NuageError.conflict("volume_not_ready", "Volume '" + volume + "' is " + phase.key()
                                + ": it can be exported once ready", Map.of("phase", phase.key()));
                    }
                    return r.getUUID("id");
                });
    }

    /** The live volume's id, or 404. */
    private static Uni<UUID> volumeId(SqlClient client, UUID tenantId, String volume) {
        return client.preparedQuery("SELECT id FROM volumes WHERE tenant_id = $1 AND name = $2 AND deleted_at IS NULL")
                .execute(Tuple.of(tenantId, volume))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw NuageError.notFound("volume", volume);
                    }
                    return rows.iterator().next().getUUID("id");
                });
    }

    /** 256 random bits, URL-safe: what the download's x-kubevirt-export-token header carries. */
    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Uni<VolumeExport> reread(SqlClient tx, UUID id) {
        return tx.preparedQuery(REREAD).execute(Tuple.of(id)).map(VolumeExportStore::first);
    }

    static VolumeExport first(RowSet<Row> rows) {
        return rows.size() == 0 ? null : map(rows.iterator().next());
    }

    static VolumeExport map(Row r) {
        return new VolumeExport(r.getUUID("id"), r.getString("volume"), ExportPhase.of(r.getString("phase")),
                r.getString("status_message"), r.getInteger("ttl_seconds"), Sql.instant(r, "expires_at"),
                links(r.getJsonArray("links")), null, Sql.instant(r, "created_at"));
    }

    static List<ExportLink> links(JsonArray json) {
        List<ExportLink> links = new ArrayList<>();
        for (int i = 0; json != null && i < json.size(); i++) {
            JsonObject l = json.getJsonObject(i);
            links.add(new ExportLink(l.getString("format"), l.getString("url"), l.getString("internal_url")));
        }
        return links;
    }

    static JsonArray toJson(List<ExportLink> links) {
        JsonArray json = new JsonArray();
        links.forEach(l -> json.add(new JsonObject().put("format", l.format()).put("url", l.url()).put("internal_url", l.internalUrl())));
        return json;
    }
}
