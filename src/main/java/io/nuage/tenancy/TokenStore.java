package io.nuage.tenancy;

import io.nuage.db.ListFilter;
import io.nuage.db.Transactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.errors.NuageError;
import io.nuage.errors.Precondition;
import io.nuage.db.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Tenant token rows: the hash of each secret, never the secret. A token minted by a tenant token records it
 * ({@code created_by}), expires no later than it, and is revoked with it. Mints and revocations of a tenant's
 * tokens hold its row while they run, so a token cannot be minted by one that is being revoked and survive it.
 */
@ApplicationScoped
public class TokenStore {

    private static final String COLUMNS = "id, name, role, created_at, expires_at, created_by";

    private static final String INSERT = """
            INSERT INTO api_tokens (id, tenant_id, name, role, secret_hash, created_at, expires_at, created_by)
            VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING %s""".formatted(COLUMNS);
    /** A page of the tenant's live tokens; the list filter's conditions (creation times) go where {@code %%s} is. */
    private static final String LIST = """
            SELECT %s FROM api_tokens WHERE tenant_id = $1 AND revoked_at IS NULL
              AND name > $2%%s ORDER BY name LIMIT $3""".formatted(COLUMNS);
    private static final String FIND = """
            SELECT %s FROM api_tokens WHERE tenant_id = $1 AND name = $2
              AND revoked_at IS NULL""".formatted(COLUMNS);
    private static final String BY_ID = """
            SELECT %s FROM api_tokens WHERE tenant_id = $1 AND id = $2
              AND revoked_at IS NULL""".formatted(COLUMNS);
    /** The live creator of a token being minted, with the expiry the new one may not outlive. */
    private static final String CREATOR = "SELECT expires_at FROM api_tokens WHERE id = $1 AND revoked_at IS NULL";
    /**
     * A revocation. Steps:
     * tree    - the live token of that name, the live tokens it minted, theirs, and so on;
     * gone    - all of them revoked;
     * counted - the tenant's token count given back.
     */
    private static final String REVOKE = """
            WITH RECURSIVE tree (id) AS (
              SELECT id FROM api_tokens WHERE tenant_id = $1 AND name = $2 AND revoked_at IS NULL
              UNION
              SELECT k.id FROM api_tokens k JOIN tree ON k.created_by = tree.id WHERE k.revoked_at IS NULL),
            gone AS (
              UPDATE api_tokens SET revoked_at = $3 WHERE id IN (SELECT id FROM tree) RETURNING id),
            counted AS (
              UPDATE tenants SET used_tokens = used_tokens - (SELECT count(*) FROM gone) WHERE id = $1 RETURNING id)
            SELECT count(*) AS revoked FROM gone""";

    private final Transactions db;

    TokenStore(Transactions db) {
        this.db = db;
    }

    /** A live token's row with its tenant, for authentication. */
    public record Credential(UUID tokenId, String tokenName, Role role, byte[] secretHash, Instant expiresAt,
            UUID tenantId, String tenantName) {
    }

    public Uni<Credential> credential(UUID tokenId) {
        return db.client().preparedQuery("""
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

    /**
     * Mints a token for {@code creator}, in one transaction: one of the tenant's tokens quota is taken (which holds the
     * tenant row), a tenant token creating it must still be live (401 otherwise) and the new token expires no later than
     * it, and the row records its creator. The answer shows the expiry the token got.
     */
    public Uni<ApiToken> mint(Tenant tenant, ApiToken token, byte[] secretHash, Caller creator) {
        return db.transaction(tx -> TenantCounts.TOKENS.take(tx, tenant)
                .chain(() -> creatorExpiry(tx, creator))
                .chain(limit -> tx.preparedQuery(INSERT)
                        .execute(Tuple.from(new Object[] { token.id(), tenant.id(), token.name(), token.role(),
                                io.vertx.core.buffer.Buffer.buffer(secretHash), Sql.timestamp(token.createdAt()),
                                Sql.timestamp(earliest(token.expiresAt(), limit.orElse(null))), creator.tokenId() })))
                .map(rows -> map(rows.iterator().next())))
                .onFailure(Sql::isUniqueViolation)
                .transform(e -> NuageError.conflict("already_exists", "A token named '" + token.name() + "' already exists"));
    }

    /** The expiry of the tenant token minting, if it has one; empty for the operator. */
    private static Uni<Optional<Instant>> creatorExpiry(SqlClient tx, Caller creator) {
        if (creator.tokenId() == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return tx.preparedQuery(CREATOR).execute(Tuple.of(creator.tokenId())).map(rows -> {
            if (rows.size() == 0) {
                throw NuageError.unauthenticated("The token is invalid, expired or revoked");
            }
            return Optional.ofNullable(Sql.instant(rows.iterator().next(), "expires_at"));
        });
    }

    private static Instant earliest(Instant requested, Instant limit) {
        return requested == null ? limit : limit == null || requested.isBefore(limit) ? requested : limit;
    }

    public Uni<List<ApiToken>> list(UUID tenantId, String after, int limit, ListFilter filter) {
        List<Object> params = new ArrayList<>(List.of(tenantId, after == null ? "" : after, limit));
        return db.client().preparedQuery(LIST.formatted(filter.sql("api_tokens", params)))
                .execute(Tuple.from(params))
                .map(rows -> {
                    List<ApiToken> list = new ArrayList<>();
                    rows.forEach(r -> list.add(map(r)));
                    return list;
                });
    }

    public Uni<ApiToken> find(UUID tenantId, String name) {
        return find(db.client(), tenantId, name);
    }

    public Uni<ApiToken> findById(UUID tenantId, UUID id) {
        return db.client().preparedQuery(BY_ID)
                .execute(Tuple.of(tenantId, id))
                .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
    }

    private static Uni<ApiToken> find(SqlClient client, UUID tenantId, String name) {
        return client.preparedQuery(FIND)
                .execute(Tuple.of(tenantId, name))
                .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
    }

    /**
     * Revokes the live token of that name and every token minted from it, transitively; false when there was none.
     * {@code expect} is checked on the token under the tenant row's lock, which every revocation takes.
     */
    public Uni<Boolean> revoke(UUID tenantId, String name, Instant now, Precondition<ApiToken> expect) {
        return db.transaction(tx -> tx.preparedQuery("SELECT id FROM tenants WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(tenantId))
                .chain(() -> expect.verify(() -> find(tx, tenantId, name)))
                .chain(() -> tx.preparedQuery(REVOKE).execute(Tuple.of(tenantId, name, Sql.timestamp(now))))
                .map(rows -> rows.iterator().next().getLong("revoked") > 0));
    }

    private static ApiToken map(Row r) {
        return new ApiToken(r.getUUID("id"), r.getString("name"), r.getString("role"),
                Sql.instant(r, "created_at"), Sql.instant(r, "expires_at"), r.getUUID("created_by"));
    }
}
