package io.nuage.sla;

import io.nuage.db.Transactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.db.ListFilter;
import io.nuage.db.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Maintenance windows in PostgreSQL. A cancelled window is kept, marked, and no longer applies. */
@ApplicationScoped
public class MaintenanceWindows {

    private static final String INSERT = """
            INSERT INTO maintenance_windows (id, region, tenant_id, starts_at, ends_at, reason, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)""";

    private static final String FIND = """
            SELECT w.*, t.name AS tenant_name FROM maintenance_windows w LEFT JOIN tenants t ON t.id = w.tenant_id
            WHERE w.id = $1 AND w.cancelled_at IS NULL""";

    /** The list filter's conditions (creation times) go where {@code %s} is. */
    private static final String LIST = """
            SELECT w.*, t.name AS tenant_name FROM maintenance_windows w LEFT JOIN tenants t ON t.id = w.tenant_id
            WHERE w.cancelled_at IS NULL AND ($1 OR w.ends_at > $2)%s
            ORDER BY w.starts_at, w.id""";

    private static final String CANCEL = """
            UPDATE maintenance_windows SET cancelled_at = $2
            WHERE id = $1 AND cancelled_at IS NULL AND starts_at > $2""";

    private static final String OVERLAPPING = """
            SELECT w.*, t.name AS tenant_name FROM maintenance_windows w LEFT JOIN tenants t ON t.id = w.tenant_id
            WHERE w.cancelled_at IS NULL AND w.starts_at <= $2 AND w.ends_at > $1""";

    private final Transactions db;

    MaintenanceWindows(Transactions db) {
        this.db = db;
    }

    public Uni<MaintenanceWindow> create(String region, UUID tenantId, Instant startsAt, Instant endsAt, String reason, Instant now) {
        UUID id = UUID.randomUUID();
        return db.client().preparedQuery(INSERT)
                .execute(Tuple.from(new Object[] { id, region, tenantId, Sql.timestamp(startsAt), Sql.timestamp(endsAt), reason,
                        Sql.timestamp(now) }))
                .chain(() -> find(id));
    }

    public Uni<MaintenanceWindow> find(UUID id) {
        return db.client().preparedQuery(FIND).execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
    }

    /** Windows not yet over at {@code now}, soonest first, then (with {@code past}) the others, that pass {@code filter}. */
    public Uni<List<MaintenanceWindow>> list(boolean past, Instant now, ListFilter filter) {
        List<Object> params = new ArrayList<>(List.of(past, Sql.timestamp(now)));
        return db.client().preparedQuery(LIST.formatted(filter.sql("w", params))).execute(Tuple.from(params))
                .map(MaintenanceWindows::all);
    }

    /** Cancels a window that has not started: false when there was none to cancel. */
    public Uni<Boolean> cancel(UUID id, Instant now) {
        return db.client().preparedQuery(CANCEL).execute(Tuple.of(id, Sql.timestamp(now))).map(rows -> rows.rowCount() == 1);
    }

    /** Windows in force at some point of [from, to], for the ledger's ingestion (inside its transaction). */
    static Uni<List<MaintenanceWindow>> overlapping(SqlClient client, Instant from, Instant to) {
        return client.preparedQuery(OVERLAPPING).execute(Tuple.of(Sql.timestamp(from), Sql.timestamp(to))).map(MaintenanceWindows::all);
    }

    private static List<MaintenanceWindow> all(RowSet<Row> rows) {
        List<MaintenanceWindow> out = new ArrayList<>();
        rows.forEach(r -> out.add(map(r)));
        return out;
    }

    private static MaintenanceWindow map(Row r) {
        return new MaintenanceWindow(r.getUUID("id"), r.getString("region"), r.getUUID("tenant_id"), r.getString("tenant_name"),
                Sql.instant(r, "starts_at"), Sql.instant(r, "ends_at"), r.getString("reason"), Sql.instant(r, "created_at"));
    }
}
