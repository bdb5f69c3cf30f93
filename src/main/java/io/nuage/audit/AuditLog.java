package io.nuage.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.db.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The audit log's writes and reads. An entry is chained as it is written, in one statement: the tenant's head row is
 * locked by the upsert that moves it, so a tenant's entries take turns for the time of that statement only, and each
 * entry's hash covers the one before. Entries are never changed (migration V25 refuses it).
 */
@ApplicationScoped
public class AuditLog {

    /** The chain of the operator's own actions, which name no tenant. */
    public static final UUID OPERATOR = new UUID(0, 0);

    /** What one request did, as the API filter saw it. {@code tenantName} is looked up; else {@code tenantId}; else the operator's chain. */
    public record Request(String tenantName, UUID tenantId, Instant at, UUID tokenId, String tokenName, String role, String action,
            String kind, String targetName, UUID targetId, int status, String problemCode, String requestId, String source) {
    }

    private static final String APPEND = """
            WITH t AS (SELECT COALESCE((SELECT id FROM tenants WHERE name = $1 AND deleted_at IS NULL), $2::uuid,
                '00000000-0000-0000-0000-000000000000'::uuid) AS key),
            head AS (
              INSERT INTO audit_heads AS h (tenant_key, seq, hash) SELECT t.key, 1, sha256(convert_to($3, 'UTF8')) FROM t
              ON CONFLICT (tenant_key) DO UPDATE SET seq = h.seq + 1, hash = sha256(convert_to($3, 'UTF8') || h.hash)
              RETURNING tenant_key, seq, hash)
            INSERT INTO audit_entries (tenant_key, seq, hash, at, token_id, token_name, role, action, kind, target_name,
              target_id, status, problem_code, request_id, source)
            SELECT head.tenant_key, head.seq, head.hash, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15 FROM head""";
    static final String COLUMNS = """
            seq, hash, at, token_id, token_name, role, action, kind, target_name, target_id, status, problem_code, request_id, source""";
    /** A page, newest first, of the entries that pass the filters (null: any). */
    private static final String PAGE = """
            SELECT %s FROM audit_entries WHERE tenant_key = $1 AND seq < $2
              AND ($3::timestamptz IS NULL OR at >= $3) AND ($4::timestamptz IS NULL OR at < $4)
              AND ($5::text IS NULL OR action = $5) AND ($6::uuid IS NULL OR token_id = $6) AND ($7::text IS NULL OR kind = $7)
            ORDER BY seq DESC LIMIT $8""".formatted(COLUMNS);

    private final Pool pool;

    AuditLog(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> append(Request r) {
        String canonical = AuditEntry.canonical(r.at(), r.tokenId(), r.tokenName(), r.role(), r.action(), r.kind(), r.targetName(),
                r.targetId(), r.status(), r.problemCode(), r.requestId(), r.source());
        return pool.preparedQuery(APPEND).execute(Tuple.from(new Object[] { r.tenantName(), r.tenantId(), canonical,
                Sql.timestamp(r.at()), r.tokenId(), r.tokenName(), r.role(), r.action(), r.kind(), r.targetName(), r.targetId(),
                r.status(), r.problemCode(), r.requestId(), r.source() })).replaceWithVoid();
    }

    /** The filters of a page of the log. */
    public record Filter(Instant from, Instant to, String action, UUID tokenId, String kind) {
    }

    /** Up to {@code limit} entries of the chain before position {@code before} (null: from the newest), newest first. */
    public Uni<List<AuditEntry>> page(UUID tenantKey, Long before, int limit, Filter f) {
        return pool.preparedQuery(PAGE).execute(Tuple.from(new Object[] { tenantKey, before == null ? Long.MAX_VALUE : before,
                f.from() == null ? null : Sql.timestamp(f.from()), f.to() == null ? null : Sql.timestamp(f.to()), f.action(),
                f.tokenId(), f.kind(), limit })).map(rows -> {
                    List<AuditEntry> out = new ArrayList<>();
                    rows.forEach(row -> out.add(entry(row)));
                    return out;
                });
    }

    static AuditEntry entry(Row r) {
        return new AuditEntry(r.getLong("seq"), HexFormat.of().formatHex(r.getBuffer("hash").getBytes()), Sql.instant(r, "at"),
                r.getUUID("token_id"), r.getString("token_name"), r.getString("role"), r.getString("action"), r.getString("kind"),
                r.getString("target_name"), r.getUUID("target_id"), r.getInteger("status"), r.getString("problem_code"),
                r.getString("request_id"), r.getString("source"));
    }
}
