package io.nuage.tenancy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.errors.NuageError;
import io.nuage.db.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Tenant token rows: the hash of each secret, never the secret. */
@ApplicationScoped
public class TokenStore {

    private static final String COLUMNS = "id, name, role, created_at, expires_at";

    private static final String INSERT = """
            INSERT INTO api_tokens (id, tenant_id, name, role, secret_hash, created_at, expires_at)
            VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING %s""".formatted(COLUMNS);
    private static final String LIST = """
            SELECT %s FROM api_tokens WHERE tenant_id = $1 AND revoked_at IS NULL
              AND name > $2 ORDER BY name LIMIT $3""".formatted(COLUMNS);
    private static final String FIND = """
            SELECT %s FROM api_tokens WHERE tenant_id = $1 AND name = $2
              AND revoked_at IS NULL""".formatted(COLUMNS);

    private final Pool pool;

    TokenStore(Pool pool) {
        this.pool = pool;
    }

    /** A live token's row with its tenant, for authentication. */
    public record Credential(UUID tokenId, String tokenName, Role role, byte[] secretHash, Instant expiresAt,
            UUID tenantId, String tenantName) {
    }

    public Uni<Credential> credential(UUID tokenId) {
        return pool.preparedQuery("""
                SELECT k.id, k.name, k.role, k.secret_hash, k.expires_at, t.id AS tenant_id, t.name AS tenant_name
                FROM api_tokens k JOIN tenants t ON t.id = k.tenant_id
                WHERE k.id = $1 AND k.revoked_at IS NULL AND t.deleted_at IS NULL""")
                .execute(Tuple.of(tokenId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Credential(r.getUUID("id"), r.getString("name"), Role.valueOf(r.getString("role").toUpperCase()),
                            r.getBuffer("secret_hash").getBytes(), Sql.instant(r, "expires_at"),
                            r.getUUID("tenant_id"), r.getString("tenant_name"));
                });
    }

    public Uni<ApiToken> insert(UUID tenantId, ApiToken token, byte[] secretHash) {
        return pool.preparedQuery(INSERT)
                .execute(Tuple.from(new Object[] { token.id(), tenantId, token.name(), token.role(),
                        io.vertx.core.buffer.Buffer.buffer(secretHash), Sql.timestamp(token.createdAt()),
                        Sql.timestamp(token.expiresAt()) }))
                .map(rows -> map(rows.iterator().next()))
                .onFailure(Sql::isUniqueViolation)
                .transform(e -> NuageError.conflict("already_exists", "A token named '" + token.name() + "' already exists"));
    }

    public Uni<List<ApiToken>> list(UUID tenantId, String after, int limit) {
        return pool.preparedQuery(LIST)
                .execute(Tuple.of(tenantId, after == null ? "" : after, limit))
                .map(rows -> {
                    List<ApiToken> list = new ArrayList<>();
                    rows.forEach(r -> list.add(map(r)));
                    return list;
                });
    }

    public Uni<ApiToken> find(UUID tenantId, String name) {
        return pool.preparedQuery(FIND)
                .execute(Tuple.of(tenantId, name))
                .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
    }

    /** Revokes the live token of that name; false when there was none. */
    public Uni<Boolean> revoke(UUID tenantId, String name, Instant now) {
        return pool.preparedQuery("""
                UPDATE api_tokens SET revoked_at = $3
                WHERE tenant_id = $1 AND name = $2 AND revoked_at IS NULL""")
                .execute(Tuple.of(tenantId, name, Sql.timestamp(now)))
                .map(rows -> rows.rowCount() > 0);
    }

    private static ApiToken map(Row r) {
        return new ApiToken(r.getUUID("id"), r.getString("name"), r.getString("role"),
                Sql.instant(r, "created_at"), Sql.instant(r, "expires_at"));
    }
}
