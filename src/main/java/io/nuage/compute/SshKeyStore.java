package io.nuage.compute;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.db.ListFilter;
import io.nuage.db.Sql;
import io.nuage.db.Transactions;
import io.nuage.errors.FieldError;
import io.nuage.errors.NuageError;
import io.nuage.errors.Precondition;
import io.nuage.tenancy.Tenant;
import io.nuage.work.WorkItems;
import io.nuage.work.WorkKind;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A tenant's SSH keys. Keys own no cluster object: an instance that names one carries it in its own Secrets, so a
 * changed key enqueues the live instances that name it, in the change's transaction, and their passes rewrite them.
 * A key named by a live instance cannot be deleted.
 */
@ApplicationScoped
public class SshKeyStore {

    /** Keys a tenant may hold: they are small, but a list an instance pass reads should stay short. */
    public static final int MAX_PER_TENANT = 100;

    private static final String COLUMNS = "id, name, public_key, fingerprint, labels, created_at, updated_at";
    private static final String FIND = "SELECT %s FROM ssh_keys WHERE tenant_id = $1 AND name = $2".formatted(COLUMNS);
    private static final String BY_ID = "SELECT %s FROM ssh_keys WHERE tenant_id = $1 AND id = $2".formatted(COLUMNS);
    private static final String LIST = """
            SELECT %s FROM ssh_keys WHERE tenant_id = $1 AND name > $2%%s ORDER BY name LIMIT $3""".formatted(COLUMNS);
    /**
     * Inserts unless the tenant already holds the maximum. The tenant's row is locked first, by a statement of its own:
     * the count is then read after any concurrent create committed, so two creates cannot both pass.
     */
    private static final String LOCK_TENANT = "SELECT id FROM tenants WHERE id = $1 FOR UPDATE";
    private static final String INSERT = """
            INSERT INTO ssh_keys (id, tenant_id, name, public_key, fingerprint, labels, created_at, updated_at)
            SELECT $1, $2, $3, $4, $5, $6, $7, $7
            WHERE (SELECT count(*) FROM ssh_keys WHERE tenant_id = $2) < %d
            RETURNING %s""".formatted(MAX_PER_TENANT, COLUMNS);
    private static final String UPDATE = """
            UPDATE ssh_keys SET public_key = $3, fingerprint = $4, labels = $5, updated_at = $6
            WHERE tenant_id = $1 AND name = $2 RETURNING %s""".formatted(COLUMNS);
    private static final String NAMED_BY = """
            SELECT id, name FROM instances WHERE tenant_id = $1 AND $2 = ANY(ssh_key_names) AND deleted_at IS NULL ORDER BY name""";

    private final Transactions db;

    SshKeyStore(Transactions db) {
        this.db = db;
    }

    public Uni<SshKey> create(Tenant tenant, String name, SshPublicKey key, Map<String, String> labels, Instant now) {
        return db.transaction(tx -> tx.preparedQuery(LOCK_TENANT).execute(Tuple.of(tenant.id()))
                .chain(() -> tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] { UUID.randomUUID(), tenant.id(), name, key.line(),
                        key.fingerprint(), Sql.json(labels), Sql.timestamp(now) })))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw NuageError.rejected("ssh_key_limit", "A tenant holds at most " + MAX_PER_TENANT
                                + " SSH keys: delete one first", Map.of("limit", MAX_PER_TENANT));
                    }
                    return map(rows.iterator().next());
                }))
                .onFailure(Sql::isUniqueViolation)
                .transform(e -> NuageError.conflict("already_exists", "An SSH key named '" + name + "' already exists"));
    }

    public Uni<SshKey> find(UUID tenantId, String name) {
        return db.client().preparedQuery(FIND).execute(Tuple.of(tenantId, name)).map(SshKeyStore::first);
    }

    public Uni<SshKey> findById(UUID tenantId, UUID id) {
        return db.client().preparedQuery(BY_ID).execute(Tuple.of(tenantId, id)).map(SshKeyStore::first);
    }

    public Uni<List<SshKey>> list(UUID tenantId, String after, int limit, ListFilter filter) {
        List<Object> params = new ArrayList<>(List.of(tenantId, after == null ? "" : after, limit));
        return db.client().preparedQuery(LIST.formatted(filter.sql("ssh_keys", params))).execute(Tuple.from(params))
                .map(rows -> {
                    List<SshKey> keys = new ArrayList<>();
                    rows.forEach(r -> keys.add(map(r)));
                    return keys;
                });
    }

    /** Replaces the key and/or its labels (null: unchanged); the live instances naming it get a pass. */
    public Uni<SshKey> update(Tenant tenant, String name, SshPublicKey key, Map<String, String> labels, Instant now,
            Precondition<SshKey> expect) {
        return db.transaction(tx -> lock(tx, tenant.id(), name)
                .call(current -> expect.verify(() -> Uni.createFrom().item(current)))
                .chain(current -> tx.preparedQuery(UPDATE).execute(Tuple.from(new Object[] { tenant.id(), name,
                        key == null ? current.publicKey() : key.line(), key == null ? current.fingerprint() : key.fingerprint(),
                        Sql.json(labels == null ? current.labels() : labels), Sql.timestamp(now) })))
                .map(SshKeyStore::first)
                .call(updated -> tx.preparedQuery(NAMED_BY).execute(Tuple.of(tenant.id(), name))
                        .chain(rows -> WorkItems.enqueue(tx, WorkKind.INSTANCE, ids(rows)))));
    }

    /** Deletes the key; refused while a live instance names it (the instances are listed). */
    public Uni<Void> delete(Tenant tenant, String name, Precondition<SshKey> expect) {
        return db.transaction(tx -> lock(tx, tenant.id(), name)
                .call(current -> expect.verify(() -> Uni.createFrom().item(current)))
                .chain(() -> tx.preparedQuery(NAMED_BY).execute(Tuple.of(tenant.id(), name)))
                .invoke(rows -> {
                    if (rows.size() > 0) {
                        List<String> instances = new ArrayList<>();
                        rows.forEach(r -> instances.add(r.getString("name")));
                        throw NuageError.conflict("ssh_key_in_use", "SSH key '" + name + "' is named by instance(s) "
                                + String.join(", ", instances) + ": remove it from their ssh_key_names first",
                                Map.of("instances", instances));
                    }
                })
                .chain(() -> tx.preparedQuery("DELETE FROM ssh_keys WHERE tenant_id = $1 AND name = $2")
                        .execute(Tuple.of(tenant.id(), name)))
                .replaceWithVoid());
    }

    /**
     * Fails with 422 {@code ssh_key_not_found}, naming each entry of {@code names} the tenant holds no key of. Called in
     * the instance write's transaction; an instance create checks the same in its one statement and calls this only to
     * say why it took nothing.
     */
    public static Uni<Void> requireExisting(SqlClient tx, UUID tenantId, List<String> names) {
        if (names.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // Share-locked until the instance's write commits: a delete of the key waits, then sees the instance naming it.
        return tx.preparedQuery("SELECT name FROM ssh_keys WHERE tenant_id = $1 AND name = ANY($2) FOR SHARE")
                .execute(Tuple.of(tenantId, names.toArray(String[]::new)))
                .invoke(rows -> {
                    List<String> found = new ArrayList<>();
                    rows.forEach(r -> found.add(r.getString("name")));
                    List<FieldError> missing = new ArrayList<>();
                    for (int i = 0; i < names.size(); i++) {
                        if (!found.contains(names.get(i))) {
                            missing.add(new FieldError("ssh_key_names[" + i + "]", "no SSH key '" + names.get(i) + "' in this tenant"));
                        }
                    }
                    if (!missing.isEmpty()) {
                        throw NuageError.rejectedField("ssh_key_not_found", missing.get(0).message(), missing.get(0));
                    }
                })
                .replaceWithVoid();
    }

    private static Uni<SshKey> lock(SqlClient tx, UUID tenantId, String name) {
        return tx.preparedQuery(FIND + " FOR UPDATE").execute(Tuple.of(tenantId, name))
                .map(SshKeyStore::first)
                .onItem().ifNull().failWith(() -> NuageError.notFound("SSH key", name));
    }

    private static List<UUID> ids(RowSet<Row> rows) {
        List<UUID> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.getUUID("id")));
        return ids;
    }

    private static SshKey first(RowSet<Row> rows) {
        return rows.size() == 0 ? null : map(rows.iterator().next());
    }

    private static SshKey map(Row r) {
        return new SshKey(r.getUUID("id"), r.getString("name"), r.getString("public_key"), r.getString("fingerprint"),
                Sql.stringMap(r, "labels"), Sql.instant(r, "created_at"), Sql.instant(r, "updated_at"));
    }
}
