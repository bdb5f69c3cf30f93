package io.nuage.portability;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import io.vertx.mutiny.sqlclient.Row;

/**
 * The sections read straight from their tables, each a keyset query: {@code $1} the tenant's id, then the key of the
 * last row written ({@link #first} before the first batch), then the batch size. Each batch is one statement on an
 * index, so a tenant of millions of rows is read in bounded memory.
 */
final class QueriedSections {

    /** A section read by keyset: its query, the key before its first row, and the key of a row. */
    record Queried(String name, String sql, List<Object> first, Function<Row, List<Object>> key) {
    }

    private static final UUID NO_ID = new UUID(0, 0);
    private static final OffsetDateTime EARLIEST = OffsetDateTime.parse("0001-01-01T00:00:00Z");

    static final Queried NETWORK_ADDRESSES = new Queried("network_addresses", """
            SELECT n.name AS network, host(a.address) AS address, i.name AS instance, a.nic
            FROM network_addresses a JOIN networks n ON n.id = a.network_id JOIN instances i ON i.id = a.instance_id
            WHERE n.tenant_id = $1 AND n.deleted_at IS NULL AND (n.name, a.address) > ($2, $3::text::inet)
            ORDER BY n.name, a.address LIMIT $4""", List.of("", "0.0.0.0"),
            r -> List.of(r.getString("network"), r.getString("address")));

    /** The download links of the volumes' disk exports (never their tokens), oldest first; links once ready. */
    static final Queried VOLUME_EXPORTS = new Queried("volume_exports", """
            SELECT e.id, v.name AS volume, e.phase, e.expires_at, e.links, e.created_at
            FROM volume_exports e JOIN volumes v ON v.id = e.volume_id
            WHERE e.tenant_id = $1 AND e.deleted_at IS NULL AND e.id > $2 ORDER BY e.id LIMIT $3""", List.of(NO_ID),
            r -> List.of(r.getUUID("id")));

    static final Queried ENVIRONMENTS = new Queried("environments", """
            SELECT name, labels, document, ttl_seconds, expires_at, created_at, updated_at FROM environments
            WHERE tenant_id = $1 AND deleted_at IS NULL AND name > $2 ORDER BY name LIMIT $3""", List.of(""),
            r -> List.of(r.getString("name")));

    static final Queried LEDGER_RESOURCES = new Queried("ledger_resources", """
            SELECT resource_id, kind, name, region, category, since, reason, vcpus, memory_mib, storage_gib FROM ledger_resources
            WHERE tenant_id = $1 AND resource_id > $2 ORDER BY resource_id LIMIT $3""", List.of(NO_ID),
            r -> List.of(r.getUUID("resource_id")));

    static final Queried LEDGER_TRANSITIONS = new Queried("ledger_transitions", """
            SELECT t.resource_id, t.at, t.category, t.reason, t.vcpus, t.memory_mib, t.storage_gib
            FROM ledger_transitions t JOIN ledger_resources r ON r.resource_id = t.resource_id
            WHERE r.tenant_id = $1 AND (t.resource_id, t.at) > ($2, $3) ORDER BY t.resource_id, t.at LIMIT $4""",
            List.of(NO_ID, EARLIEST), r -> List.of(r.getUUID("resource_id"), r.getOffsetDateTime("at")));

    static final Queried LEDGER_MONTHLY = new Queried("ledger_monthly", """
            SELECT month, resource_id, category, seconds FROM ledger_monthly
            WHERE tenant_id = $1 AND (month, resource_id, category) > ($2, $3, $4) ORDER BY month, resource_id, category LIMIT $5""",
            List.of(LocalDate.of(1, 1, 1), NO_ID, ""),
            r -> List.of(r.getLocalDate("month"), r.getUUID("resource_id"), r.getString("category")));

    static final Queried AUDIT_ENTRIES = new Queried("audit_entries", """
            SELECT seq, hash, at, token_id, token_name, role, action, kind, target_name, target_id, status, problem_code,
                   request_id, source
            FROM audit_entries WHERE tenant_key = $1 AND seq > $2 ORDER BY seq LIMIT $3""", List.of(0L),
            r -> List.of(r.getLong("seq")));

    static final Queried AUDIT_CHECKPOINTS = new Queried("audit_checkpoints", """
            SELECT seq, hash, signature, at FROM audit_checkpoints WHERE tenant_key = $1 AND seq > $2 ORDER BY seq LIMIT $3""",
            List.of(0L), r -> List.of(r.getLong("seq")));

    /** What earlier imports kept, attributed to the tenants it came from ({@code position}: its order here). */
    static final Queried HISTORY = new Queried("history", """
            SELECT id AS position, source_tenant, source_tenant_id, exported_at, section, record FROM imported_history
            WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT $3""", List.of(0L), r -> List.of(r.getLong("position")));

    private QueriedSections() {
    }
}
