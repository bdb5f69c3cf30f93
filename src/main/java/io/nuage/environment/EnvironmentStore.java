package io.nuage.environment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.db.ListFilter;
import io.nuage.db.Sql;
import io.nuage.db.Transactions;
import io.nuage.errors.NuageError;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Environment rows, and the resources labelled as their members. */
@ApplicationScoped
public class EnvironmentStore {

    private static final String COLUMNS = """
            id, tenant_id, name, document, labels, member_ids, ttl_seconds, expires_at, generation, created_at, updated_at,
            delete_requested_at""";
    private static final String INSERT = """
            INSERT INTO environments (id, tenant_id, name, document, labels, ttl_seconds, expires_at, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING %s""".formatted(COLUMNS);
    private static final String FIND = "SELECT %s FROM environments WHERE tenant_id = $1 AND name = $2 AND deleted_at IS NULL"
            .formatted(COLUMNS);
    private static final String BY_ID = "SELECT %s FROM environments WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL"
            .formatted(COLUMNS);
    private static final String LIST = """
            SELECT %s FROM environments WHERE tenant_id = $1 AND deleted_at IS NULL
              AND name > $2%%s ORDER BY name LIMIT $3""".formatted(COLUMNS);
    private static final String LOCK = FIND + " FOR UPDATE";
    private static final String UPDATE = """
            UPDATE environments SET document = $2, labels = $3, ttl_seconds = $4, expires_at = $5, updated_at = $6,
              generation = generation + 1
            WHERE id = $1 RETURNING %s""".formatted(COLUMNS);
    private static final String DELETE = """
            UPDATE environments SET delete_requested_at = coalesce(delete_requested_at, $2), updated_at = $2
            WHERE id = $1 RETURNING %s""".formatted(COLUMNS);
    /** The live resources among those ids: members, once the ids are an environment's. */
    private static final String MEMBERS = """
            SELECT 'network' AS kind, name, id, phase, false AS running FROM networks WHERE id = ANY($1) AND deleted_at IS NULL
            UNION ALL
            SELECT 'volume', name, id, phase, false FROM volumes WHERE id = ANY($1) AND deleted_at IS NULL
            UNION ALL
            SELECT 'instance', name, id, phase, running FROM instances WHERE id = ANY($1) AND deleted_at IS NULL""";
    private static final String ADD_MEMBERS = "UPDATE environments SET member_ids = member_ids || $2 WHERE id = $1 RETURNING %s"
            .formatted(COLUMNS);
    /** Environments whose members may need deleting: expired, deleted, or changed since the sweep last saw them. */
    private static final String DUE = """
            SELECT %s FROM environments WHERE deleted_at IS NULL
              AND (expires_at <= $1 OR delete_requested_at IS NOT NULL OR generation > swept_generation)
            ORDER BY expires_at LIMIT $2""".formatted(COLUMNS);
    private static final String SWEPT = "UPDATE environments SET swept_generation = $2 WHERE id = $1 AND swept_generation < $2";
    private static final String GONE = "UPDATE environments SET deleted_at = $2 WHERE id = $1 AND deleted_at IS NULL";

    private final Transactions db;

    EnvironmentStore(Transactions db) {
        this.db = db;
    }

    public Uni<Environment> insert(UUID tenantId, String name, JsonObject document, Map<String, String> labels,
            int ttlSeconds, Instant now) {
        return db.client().preparedQuery(INSERT).execute(Tuple.from(new Object[] { UUID.randomUUID(), tenantId, name, document,
                Sql.json(labels), ttlSeconds, Sql.timestamp(now.plusSeconds(ttlSeconds)), Sql.timestamp(now) }))
                .map(EnvironmentStore::first)
                .onFailure(Sql::isUniqueViolation)
                .transform(e -> NuageError.conflict("already_exists", "An environment named '" + name + "' already exists"));
    }

    public Uni<Environment> find(UUID tenantId, String name) {
        return db.client().preparedQuery(FIND).execute(Tuple.of(tenantId, name)).map(EnvironmentStore::first);
    }

    public Uni<Environment> findById(UUID tenantId, UUID id) {
        return db.client().preparedQuery(BY_ID).execute(Tuple.of(tenantId, id)).map(EnvironmentStore::first);
    }

    public Uni<List<Environment>> list(UUID tenantId, String after, int limit, ListFilter filter) {
        List<Object> params = new ArrayList<>(List.of(tenantId, after == null ? "" : after, limit));
        return db.client().preparedQuery(LIST.formatted(filter.sql("environments", params))).execute(Tuple.from(params))
                .map(EnvironmentStore::all);
    }

    /** The live environment of that name, locked for the rest of the request's transaction; null when there is none. */
    public Uni<Environment> lock(UUID tenantId, String name) {
        return db.client().preparedQuery(LOCK).execute(Tuple.of(tenantId, name)).map(EnvironmentStore::first);
    }

    /** A new document, labels and time to live (counted from {@code now}); the generation moves on. */
    public Uni<Environment> update(Environment e, JsonObject document, Map<String, String> labels, int ttlSeconds,
            Instant expiresAt, Instant now) {
        return db.client().preparedQuery(UPDATE).execute(Tuple.from(new Object[] { e.id(), document, Sql.json(labels), ttlSeconds,
                Sql.timestamp(expiresAt), Sql.timestamp(now) })).map(EnvironmentStore::first);
    }

    public Uni<Environment> requestDelete(Environment e, Instant now) {
        return db.client().preparedQuery(DELETE).execute(Tuple.of(e.id(), Sql.timestamp(now))).map(EnvironmentStore::first);
    }

    /** Records members created for the environment. */
    public Uni<Environment> addMembers(Environment e, List<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(e)
                : db.client().preparedQuery(ADD_MEMBERS).execute(Tuple.of(e.id(), ids.toArray(UUID[]::new))).map(EnvironmentStore::first);
    }

    /** The live members of the environment. */
    public Uni<List<Member>> members(Environment e) {
        return members(List.of(e)).map(byEnvironment -> byEnvironment.get(e.id()));
    }

    /** The live members of each of the environments, by environment id, read in one statement. */
    public Uni<Map<UUID, List<Member>>> members(List<Environment> list) {
        UUID[] ids = list.stream().flatMap(e -> e.memberIds().stream()).toArray(UUID[]::new);
        return db.client().preparedQuery(MEMBERS).execute(Tuple.of((Object) ids)).map(rows -> {
            Map<UUID, Member> live = new HashMap<>();
            rows.forEach(r -> live.put(r.getUUID("id"), new Member(r.getString("kind"), r.getString("name"), r.getUUID("id"),
                    r.getString("phase"), r.getBoolean("running"))));
            Map<UUID, List<Member>> byEnvironment = new HashMap<>();
            list.forEach(e -> byEnvironment.put(e.id(), e.memberIds().stream().map(live::get).filter(Objects::nonNull).toList()));
            return byEnvironment;
        });
    }

    Uni<List<Environment>> due(Instant now, int limit) {
        return db.client().preparedQuery(DUE).execute(Tuple.of(Sql.timestamp(now), limit)).map(EnvironmentStore::all);
    }

    Uni<Void> swept(Environment e) {
        return db.client().preparedQuery(SWEPT).execute(Tuple.of(e.id(), e.generation())).replaceWithVoid();
    }

    Uni<Void> gone(Environment e, Instant now) {
        return db.client().preparedQuery(GONE).execute(Tuple.of(e.id(), Sql.timestamp(now))).replaceWithVoid();
    }

    private static Environment first(RowSet<Row> rows) {
        return rows.size() == 0 ? null : map(rows.iterator().next());
    }

    private static List<Environment> all(RowSet<Row> rows) {
        List<Environment> list = new ArrayList<>();
        rows.forEach(r -> list.add(map(r)));
        return list;
    }

    private static Environment map(Row r) {
        return new Environment(r.getUUID("id"), r.getUUID("tenant_id"), r.getString("name"), r.getJsonObject("document"),
                Sql.stringMap(r, "labels"), List.of(r.getArrayOfUUIDs("member_ids")), r.getInteger("ttl_seconds"), Sql.instant(r, "expires_at"), r.getLong("generation"),
                Sql.instant(r, "created_at"), Sql.instant(r, "updated_at"), Sql.instant(r, "delete_requested_at"));
    }
}
