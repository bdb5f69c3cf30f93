package io.nuage.portability;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.nuage.db.Sql;
import io.nuage.errors.NuageError;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The history an import keeps ({@code imported_history}, V41): the source tenant's ledger, usage and audit log, each row
 * as the export wrote it, attributed to that tenant and that export, and apart from this tenant's own ledger and audit
 * chain, which go on from nothing. Also what says whether a tenant is empty enough to import into. Blocking: call it on a
 * worker thread.
 */
@ApplicationScoped
public class ImportedHistory {

    /** Rows one statement keeps. */
    static final int BATCH = 1_000;

    private static final String KEEP = """
            INSERT INTO imported_history (tenant_id, imported_at, source_tenant, source_tenant_id, exported_at, section, record)
            SELECT $1, $2, * FROM unnest($3::text[], $4::uuid[], $5::timestamptz[], $6::text[], $7::text[]::jsonb[])""";

    /** What an import refuses to land on: anything the tenant holds besides its tokens. */
    private static final String HOLDS = """
            SELECT 'instances' AS kind, count(*) AS n FROM instances WHERE tenant_id = $1 AND deleted_at IS NULL
            UNION ALL SELECT 'volumes', count(*) FROM volumes WHERE tenant_id = $1 AND deleted_at IS NULL
            UNION ALL SELECT 'networks', count(*) FROM networks WHERE tenant_id = $1 AND deleted_at IS NULL
            UNION ALL SELECT 'snapshots', count(*) FROM snapshots WHERE tenant_id = $1 AND deleted_at IS NULL
            UNION ALL SELECT 'public_ips', count(*) FROM public_ips WHERE tenant_id = $1 AND deleted_at IS NULL
            UNION ALL SELECT 'images', count(*) FROM images WHERE tenant_id = $1 AND deleted_at IS NULL
            UNION ALL SELECT 'ssh_keys', count(*) FROM ssh_keys WHERE tenant_id = $1
            UNION ALL SELECT 'environments', count(*) FROM environments WHERE tenant_id = $1 AND deleted_at IS NULL
            UNION ALL SELECT 'history', count(*) FROM imported_history WHERE tenant_id = $1""";

    private final Pool pool;

    ImportedHistory(Pool pool) {
        this.pool = pool;
    }

    /** 409 {@code tenant_not_empty} naming what {@code tenant} holds, unless it holds nothing an import would create. */
    public void requireEmpty(UUID tenantId, String tenant) {
        Map<String, Object> holds = new LinkedHashMap<>();
        for (Row r : pool.preparedQuery(HOLDS).execute(Tuple.of(tenantId)).await().atMost(Sql.AWAIT)) {
            if (r.getLong("n") > 0) {
                holds.put(r.getString("kind"), r.getLong("n"));
            }
        }
        if (!holds.isEmpty()) {
            throw NuageError.conflict("tenant_not_empty", "Tenant '" + tenant + "' already holds " + String.join(", ", holds.keySet())
                    + ": an import recreates a tenant into an empty one only", Map.of("holds", holds));
        }
    }

    /**
     * Keeps every history section of {@code document} for {@code tenantId}: rows of the sections of {@link ExportFormat#HISTORY}
     * attributed to the document's source; rows of its own history section keep the source they already had. Answers how
     * many rows each section kept.
     */
    public Map<String, Long> keep(UUID tenantId, ImportDocument document, ImportDocument.Source source, Instant now) {
        Map<String, Long> kept = new LinkedHashMap<>();
        for (String section : ExportFormat.HISTORY) {
            Batch batch = new Batch(tenantId, now);
            document.each(section, row -> {
                if (section.equals("history")) {
                    batch.add(row.path("source_tenant").asText(), uuid(row.path("source_tenant_id").asText(), source.tenantId()),
                            instant(row.path("exported_at").asText(), source.exportedAt()), row.path("section").asText(section),
                            row.path("record"));
                } else {
                    batch.add(source.tenant(), source.tenantId(), source.exportedAt(), section, row);
                }
            });
            batch.flush();
            if (batch.total > 0) {
                kept.put(section, batch.total);
            }
        }
        return kept;
    }

    /** Rows gathered into one statement of {@link #BATCH}. */
    private final class Batch {
        private final UUID tenantId;
        private final Instant now;
        private final List<String> tenants = new ArrayList<>();
        private final List<UUID> ids = new ArrayList<>();
        private final List<OffsetDateTime> times = new ArrayList<>();
        private final List<String> sections = new ArrayList<>();
        private final List<String> records = new ArrayList<>();
        private long total;

        Batch(UUID tenantId, Instant now) {
            this.tenantId = tenantId;
            this.now = now;
        }

        void add(String tenant, UUID id, Instant exportedAt, String section, JsonNode record) {
            tenants.add(tenant);
            ids.add(id);
            times.add(Sql.timestamp(exportedAt));
            sections.add(section);
            records.add(record instanceof ObjectNode ? record.toString() : "{}");
            if (records.size() == BATCH) {
                flush();
            }
        }

        void flush() {
            if (records.isEmpty()) {
                return;
            }
            pool.preparedQuery(KEEP).execute(Tuple.from(new Object[] { tenantId, Sql.timestamp(now), tenants.toArray(String[]::new),
                    ids.toArray(UUID[]::new), times.toArray(OffsetDateTime[]::new), sections.toArray(String[]::new),
                    records.toArray(String[]::new) })).await().atMost(Sql.AWAIT);
            total += records.size();
            tenants.clear();
            ids.clear();
            times.clear();
            sections.clear();
            records.clear();
        }
    }

    private static UUID uuid(String text, UUID otherwise) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return otherwise;
        }
    }

    private static Instant instant(String text, Instant otherwise) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            return otherwise;
        }
    }
}
