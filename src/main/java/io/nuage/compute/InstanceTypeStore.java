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
import io.nuage.status.Conditions;
import io.nuage.work.WorkItems;
import io.nuage.work.WorkKind;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The operator's catalog of instance types, for the API and the reconciler. A type's size never changes: KubeVirt keeps
 * the copy a VirtualMachine started with, so a new size is a new type, and an instance is resized by changing its type.
 * A type in use by a live instance cannot be deleted.
 */
@ApplicationScoped
public class InstanceTypeStore {

    private static final String COLUMNS = """
            id, name, vcpus, memory_mib, dedicated_cpus, labels, generation, phase, status_message, conditions,
            observed_generation, created_at, updated_at""";
    private static final String LIVE = "deleted_at IS NULL";
    private static final String FIND = "SELECT %s FROM instance_types WHERE name = $1 AND %s".formatted(COLUMNS, LIVE);
    private static final String BY_ID = "SELECT %s FROM instance_types WHERE id = $1 AND %s".formatted(COLUMNS, LIVE);
    private static final String LIST = "SELECT %s FROM instance_types WHERE %s AND name > $1%%s ORDER BY name LIMIT $2"
            .formatted(COLUMNS, LIVE);
    private static final String INSERT = """
            INSERT INTO instance_types (id, name, vcpus, memory_mib, dedicated_cpus, labels, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING %s""".formatted(COLUMNS);
    private static final String USED_BY = """
            SELECT t.name AS tenant, i.name FROM instances i JOIN tenants t ON t.id = i.tenant_id
            WHERE i.instance_type = $1 AND i.deleted_at IS NULL ORDER BY t.name, i.name LIMIT 20""";

    private final Transactions db;

    InstanceTypeStore(Transactions db) {
        this.db = db;
    }

    public Uni<InstanceType> create(String name, int vcpus, int memoryMib, boolean dedicatedCpus, Map<String, String> labels,
            Instant now) {
        return db.transaction(tx -> tx.preparedQuery(INSERT)
                .execute(Tuple.from(new Object[] { UUID.randomUUID(), name, vcpus, memoryMib, dedicatedCpus, Sql.json(labels),
                        Sql.timestamp(now) }))
                .map(InstanceTypeStore::first)
                .call(t -> WorkItems.enqueue(tx, WorkKind.INSTANCE_TYPE, t.id())))
                .onFailure(Sql::isUniqueViolation)
                .transform(e -> NuageError.conflict("already_exists", "An instance type named '" + name + "' already exists"));
    }

    public Uni<InstanceType> find(String name) {
        return db.client().preparedQuery(FIND).execute(Tuple.of(name)).map(InstanceTypeStore::first);
    }

    public Uni<InstanceType> findById(UUID id) {
        return db.client().preparedQuery(BY_ID).execute(Tuple.of(id)).map(InstanceTypeStore::first);
    }

    public Uni<List<InstanceType>> list(String after, int limit, ListFilter filter) {
        List<Object> params = new ArrayList<>(List.of(after == null ? "" : after, limit));
        return db.client().preparedQuery(LIST.formatted(filter.sql("instance_types", params))).execute(Tuple.from(params))
                .map(rows -> {
                    List<InstanceType> types = new ArrayList<>();
                    rows.forEach(r -> types.add(map(r)));
                    return types;
                });
    }

    /** New labels; the size is fixed. */
    public Uni<InstanceType> relabel(String name, Map<String, String> labels, Instant now, Precondition<InstanceType> expect) {
        return db.transaction(tx -> lock(tx, name, expect).chain(current -> tx.preparedQuery(
                "UPDATE instance_types SET labels = $2, updated_at = $3 WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.of(current.id(), Sql.json(labels), Sql.timestamp(now)))).map(InstanceTypeStore::first));
    }

    /** First phase of a delete; refused while live instances are of the type (some are named). */
    public Uni<InstanceType> requestDelete(String name, Instant now, Precondition<InstanceType> expect) {
        return db.transaction(tx -> lock(tx, name, expect)
                .call(current -> tx.preparedQuery(USED_BY).execute(Tuple.of(name)).invoke(rows -> {
                    if (rows.size() > 0) {
                        List<String> users = new ArrayList<>();
                        rows.forEach(r -> users.add(r.getString("tenant") + "/" + r.getString("name")));
                        throw NuageError.conflict("instance_type_in_use", "Instances are of type '" + name + "' (" + String.join(", ", users)
                                + "): change their type first", Map.of("instances", users));
                    }
                }))
                .chain(current -> tx.preparedQuery("""
                        UPDATE instance_types SET delete_requested_at = $2, phase = 'deleting', updated_at = $2,
                          generation = generation + 1 WHERE id = $1 RETURNING %s""".formatted(COLUMNS))
                        .execute(Tuple.of(current.id(), Sql.timestamp(now))))
                .map(InstanceTypeStore::first)
                .call(t -> WorkItems.enqueue(tx, WorkKind.INSTANCE_TYPE, t.id())));
    }

    /**
     * The live, not deleting type an instance write names, in that write's transaction (its row is share-locked, so a
     * delete cannot pass in between); 422 {@code instance_type_not_found} on {@code field} otherwise.
     */
    public static Uni<InstanceType> resolve(SqlClient tx, String name, String field) {
        return tx.preparedQuery(FIND + " AND delete_requested_at IS NULL FOR SHARE").execute(Tuple.of(name))
                .map(InstanceTypeStore::first)
                .onItem().ifNull().failWith(() -> NuageError.rejectedField("instance_type_not_found",
                        "There is no instance type '" + name + "' (GET /v1/instance-types lists them)",
                        new FieldError(field, "no such instance type")));
    }

    /** {@link #resolve(SqlClient, String, String)} outside a transaction: the size a create or a resize takes. */
    public Uni<InstanceType> resolve(String name, String field) {
        return resolve(db.client(), name, field);
    }

    /** What a reconcile pass needs about one type. */
    public record Reconcilable(InstanceType type, boolean deleting) {
    }

    public Uni<Reconcilable> reconcilable(UUID id) {
        return db.client().preparedQuery("SELECT %s, delete_requested_at FROM instance_types WHERE id = $1 AND %s"
                .formatted(COLUMNS, LIVE)).execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null
                        : new Reconcilable(map(rows.iterator().next()), rows.iterator().next().getValue("delete_requested_at") != null));
    }

    /** Writes observed status, only if the desired state is still the generation the pass worked from. */
    public Uni<Void> writeStatus(UUID id, long generation, InstanceType.Status status) {
        return db.client().preparedQuery("""
                UPDATE instance_types SET phase = $3, status_message = $4, conditions = $5, observed_generation = $6
                WHERE id = $1 AND generation = $2 AND deleted_at IS NULL""")
                .execute(Tuple.from(new Object[] { id, generation, status.phase(), status.message(),
                        Conditions.toJson(status.conditions()), status.observedGeneration() }))
                .replaceWithVoid();
    }

    /** Second phase of a delete: the cluster object is gone; the row stays as history. */
    public Uni<Void> tombstone(UUID id, Instant now) {
        return db.client().preparedQuery("""
                UPDATE instance_types SET deleted_at = $2, phase = 'deleted'
                WHERE id = $1 AND delete_requested_at IS NOT NULL AND deleted_at IS NULL""")
                .execute(Tuple.of(id, Sql.timestamp(now))).replaceWithVoid();
    }

    private static Uni<InstanceType> lock(SqlClient tx, String name, Precondition<InstanceType> expect) {
        return tx.preparedQuery(FIND + " FOR UPDATE").execute(Tuple.of(name))
                .map(InstanceTypeStore::first)
                .onItem().ifNull().failWith(() -> NuageError.notFound("instance type", name))
                .invoke(t -> {
                    if (t.status().phase().equals("deleting")) {
                        throw NuageError.conflict("instance_type_deleting", "Instance type '" + name + "' is being deleted");
                    }
                })
                .call(t -> expect.verify(() -> Uni.createFrom().item(t)));
    }

    private static InstanceType first(RowSet<Row> rows) {
        return rows.size() == 0 ? null : map(rows.iterator().next());
    }

    private static InstanceType map(Row r) {
        return new InstanceType(r.getUUID("id"), r.getString("name"), r.getInteger("vcpus"), r.getInteger("memory_mib"),
                r.getBoolean("dedicated_cpus"), Sql.stringMap(r, "labels"), r.getLong("generation"),
                new InstanceType.Status(r.getString("phase"), r.getString("status_message"), Conditions.fromJson(r.getJsonArray("conditions")),
                        r.getLong("observed_generation")),
                Sql.instant(r, "created_at"), Sql.instant(r, "updated_at"));
    }
}
