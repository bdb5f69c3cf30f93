package io.nuage.sla;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.nuage.db.Sql;
import io.nuage.platform.NuageConfig;
import io.nuage.sla.BatchPlacement.MonthlyKey;
import io.nuage.sla.BatchPlacement.Placed;
import io.nuage.sla.LedgerMath.Head;
import io.nuage.sla.LedgerMath.Transition;
import io.nuage.sla.Observation.Sizes;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes batches of observations to the ledger's tables: the head of each resource
 * ({@code ledger_resources}), its transitions ({@code ledger_transitions}) and the month totals
 * of closed intervals ({@code ledger_monthly}). One transaction a batch, a few array
 * ({@code unnest}) statements whatever its size.
 */
final class LedgerStore {

    /** The most observations one transaction writes. */
    static final int BATCH = 5_000;
    /** How long the ledger waits on PostgreSQL for one statement or one batch's transaction. */

    private static final String INSERT_HEADS = """
            INSERT INTO ledger_resources (resource_id, tenant_id, kind, name, region)
            SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[])
            ON CONFLICT DO NOTHING""";

    private static final String LOCK_HEADS = """
            SELECT 1 FROM ledger_resources WHERE resource_id = ANY($1) ORDER BY resource_id FOR UPDATE""";

    private static final String SELECT_HEADS = """
            SELECT * FROM ledger_resources WHERE resource_id = ANY($1) AND category IS NOT NULL""";

    /** A transition as the arrays {@link #columns} makes, one per column: the two statements below take them. */
    private static final String TRANSITION_ARRAYS = "$1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[]";

    private static final String INSERT_TRANSITIONS = """
            INSERT INTO ledger_transitions (resource_id, at, category, reason, vcpus, memory_mib, storage_gib)
            SELECT * FROM unnest(%s)""".formatted(TRANSITION_ARRAYS);

    private static final String UPDATE_HEADS = """
            UPDATE ledger_resources r
            SET since = u.at, category = u.category, reason = u.reason,
                vcpus = u.vcpus, memory_mib = u.memory_mib, storage_gib = u.storage_gib
            FROM unnest(%s) AS u (id, at, category, reason, vcpus, memory_mib, storage_gib)
            WHERE r.resource_id = u.id""".formatted(TRANSITION_ARRAYS);

    private static final String ADD_MONTHLY = """
            INSERT INTO ledger_monthly (tenant_id, month, resource_id, category, seconds)
            SELECT * FROM unnest($1::uuid[], $2::date[], $3::uuid[], $4::text[], $5::float8[])
            ON CONFLICT (tenant_id, month, resource_id, category) DO UPDATE SET seconds = ledger_monthly.seconds + EXCLUDED.seconds""";

    private final Pool pool;
    private final NuageConfig config;

    LedgerStore(Pool pool, NuageConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** One transaction: lock the resources' heads, append what changed, add closed intervals to the month totals. */
    void write(List<Observation> batch) {
        Map<UUID, List<Observation>> byResource = new TreeMap<>();
        batch.forEach(o -> byResource.computeIfAbsent(o.resourceId(), id -> new ArrayList<>()).add(o));
        pool.withTransaction(tx -> lockHeads(tx, byResource)
                .chain(() -> heads(tx, byResource.keySet()))
                .chain(heads -> windows(tx, heads, batch).chain(windows -> {
                    BatchPlacement placed = BatchPlacement.of(byResource, heads, windows, config.sla().minimumOutage());
                    return insertTransitions(tx, placed.transitions()).chain(() -> updateHeads(tx, placed.heads()))
                            .chain(() -> addMonthly(tx, placed.monthly()));
                }))).await().atMost(Sql.AWAIT);
    }

    /**
     * Creates the head row of resources seen for the first time, then locks every head. The
     * locks are taken in PostgreSQL's order of ids (ORDER BY ... FOR UPDATE), the same in every
     * replica, so two batches cannot deadlock.
     */
    private static Uni<Void> lockHeads(SqlClient tx, Map<UUID, List<Observation>> byResource) {
        int n = byResource.size();
        UUID[] ids = new UUID[n];
        UUID[] tenants = new UUID[n];
        String[] kinds = new String[n];
        String[] names = new String[n];
        String[] regions = new String[n];
        int i = 0;
        for (List<Observation> os : byResource.values()) {
            Observation o = os.get(0);
            ids[i] = o.resourceId();
            tenants[i] = o.tenantId();
            kinds[i] = o.kind().wire();
            names[i] = o.name();
            regions[i] = o.region();
            i++;
        }
        return tx.preparedQuery(INSERT_HEADS).execute(Tuple.of(ids, tenants, kinds, names, regions))
                .chain(() -> tx.preparedQuery(LOCK_HEADS).execute(Tuple.of(ids)))
                .replaceWithVoid();
    }

    private static Uni<Map<UUID, Head>> heads(SqlClient tx, Set<UUID> ids) {
        return tx.preparedQuery(SELECT_HEADS).execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, Head> heads = new HashMap<>();
            for (Row r : rows) {
                heads.put(r.getUUID("resource_id"),
                        new Head(Category.of(r.getString("category")), Sql.instant(r, "since"), r.getString("reason"), sizes(r)));
            }
            return heads;
        });
    }

    /** The windows that overlap the time this batch covers, from its oldest head to its newest observation. */
    private static Uni<List<MaintenanceWindow>> windows(SqlClient tx, Map<UUID, Head> heads, List<Observation> batch) {
        Instant oldestSeen = batch.stream().map(o -> o.createdAt() != null && o.createdAt().isBefore(o.at()) ? o.createdAt() : o.at())
                .min(Comparator.naturalOrder()).orElseThrow();
        Instant from = heads.values().stream().map(Head::since).filter(oldestSeen::isAfter).min(Comparator.naturalOrder()).orElse(oldestSeen);
        Instant to = batch.stream().map(Observation::at).max(Comparator.naturalOrder()).orElseThrow();
        return MaintenanceWindows.overlapping(tx, from, to);
    }

    private static Uni<Void> insertTransitions(SqlClient tx, List<Placed> rows) {
        return rows.isEmpty() ? Uni.createFrom().voidItem() : tx.preparedQuery(INSERT_TRANSITIONS).execute(columns(rows)).replaceWithVoid();
    }

    private static Uni<Void> updateHeads(SqlClient tx, List<Placed> rows) {
        return rows.isEmpty() ? Uni.createFrom().voidItem() : tx.preparedQuery(UPDATE_HEADS).execute(columns(rows)).replaceWithVoid();
    }

    /** Transitions as the arrays {@link #TRANSITION_ARRAYS} takes, one per column. */
    private static Tuple columns(List<Placed> rows) {
        int n = rows.size();
        UUID[] ids = new UUID[n];
        OffsetDateTime[] ats = new OffsetDateTime[n];
        String[] categories = new String[n];
        String[] reasons = new String[n];
        Integer[] vcpus = new Integer[n];
        Integer[] memory = new Integer[n];
        Integer[] storage = new Integer[n];
        for (int i = 0; i < n; i++) {
            Transition t = rows.get(i).t();
            ids[i] = rows.get(i).resourceId();
            ats[i] = Sql.timestamp(t.at());
            categories[i] = t.category().wire();
            reasons[i] = t.reason();
            vcpus[i] = t.sizes().vcpus();
            memory[i] = t.sizes().memoryMib();
            storage[i] = t.sizes().storageGib();
        }
        return Tuple.from(new Object[] { ids, ats, categories, reasons, vcpus, memory, storage });
    }

    private static Uni<Void> addMonthly(SqlClient tx, Map<MonthlyKey, Double> monthly) {
        if (monthly.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = monthly.size();
        UUID[] tenants = new UUID[n];
        LocalDate[] months = new LocalDate[n];
        UUID[] ids = new UUID[n];
        String[] categories = new String[n];
        Double[] seconds = new Double[n];
        int i = 0;
        for (Map.Entry<MonthlyKey, Double> e : monthly.entrySet()) {
            MonthlyKey key = e.getKey();
            tenants[i] = key.tenantId();
            months[i] = key.month().atDay(1);
            ids[i] = key.resourceId();
            categories[i] = key.category().wire();
            seconds[i] = e.getValue();
            i++;
        }
        return tx.preparedQuery(ADD_MONTHLY).execute(Tuple.of(tenants, months, ids, categories, seconds)).replaceWithVoid();
    }

    /** An observation that restates the head row {@code r} (with its sizes) as {@code category} at {@code at}. */
    static Observation restated(Row r, Instant at, Category category, String reason) {
        return new Observation(r.getUUID("resource_id"), r.getUUID("tenant_id"), Observation.Kind.of(r.getString("kind")),
                r.getString("name"), r.getString("region"), null, at, category, reason, false, sizes(r));
    }

    /** The sizes columns of a head or a transition. */
    static Sizes sizes(Row r) {
        return new Sizes(r.getInteger("vcpus"), r.getInteger("memory_mib"), r.getInteger("storage_gib"));
    }
}
