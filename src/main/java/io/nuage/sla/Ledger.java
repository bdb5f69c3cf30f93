package io.nuage.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.nuage.db.Sql;
import io.nuage.platform.NuageConfig;
import io.nuage.sla.LedgerMath.Appended;
import io.nuage.sla.LedgerMath.Head;
import io.nuage.sla.LedgerMath.Interval;
import io.nuage.sla.LedgerMath.Transition;
import io.nuage.sla.Observation.Sizes;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Appends what reconcile passes observe to the availability ledger. A pass only queues its
 * observation (it never waits on the ledger); one thread writes the queue in batches, one
 * transaction each, so a burst of transitions costs a few statements, not a few per transition.
 * An observation lost with a crashed replica is made again by the next pass on the resource.
 */
@Singleton
public class Ledger {

    private static final Logger LOG = Logger.getLogger(Ledger.class);
    private static final Duration DB = Duration.ofSeconds(30);
    private static final int BATCH = 5_000;
    private static final int ATTEMPTS = 5;
    static final Duration OUTAGE_RECHECK = Duration.ofSeconds(30);
    /**
     * How long the writer waits for more after the first observation of a batch. Times are those
     * of the observations, so this delays only when a transition can be read, and it turns the
     * trickle of a busy reconciler (a few observations per created instance) into a few
     * transactions a second instead of one per observation, which the API's latency felt.
     */
    static final Duration LINGER = Duration.ofMillis(200);

    private final Pool pool;
    private final Clock clock;
    private final NuageConfig config;
    private final String replica = UUID.randomUUID().toString();
    private final LinkedBlockingQueue<Observation> queue = new LinkedBlockingQueue<>();
    /** When an outage was last re-observed, per resource: bounds the writes while it lasts. */
    private final Map<UUID, Instant> outageSeen = new ConcurrentHashMap<>();
    /** Queued and not yet written, per resource: what a pass compares with before the ledger has it. */
    private final Map<UUID, Observation> pending = new ConcurrentHashMap<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private volatile boolean running;
    private Thread writer;
    private java.util.concurrent.ScheduledExecutorService heartbeat;

    Ledger(Pool pool, Clock clock, NuageConfig config) {
        this.pool = pool;
        this.clock = clock;
        this.config = config;
    }

    /** Before the reconciler starts, so that a gap is recorded before what follows it. */
    void onStart(@Observes @Priority(1) StartupEvent event) {
        if (config.reconciler().enabled()) {
            start();
        }
    }

    synchronized void start() {
        if (running) {
            return;
        }
        recordObserverGap();
        running = true;
        writer = new Thread(this::writeLoop, "nuage-ledger");
        writer.setDaemon(true);
        writer.start();
        // Its own thread: a slow batch must not look like a replica that stopped observing.
        heartbeat = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nuage-ledger-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = config.sla().heartbeat().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beatAndSweep, 0, every, TimeUnit.MILLISECONDS);
    }

    /** Writes what is queued before it stops: a rolling deploy loses no transition. */
    @PreDestroy
    synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        heartbeat.shutdownNow();
        writer.interrupt();
        try {
            writer.join(5_000);
            List<Observation> rest = new ArrayList<>();
            queue.drainTo(rest);
            if (!rest.isEmpty()) {
                write(rest);
                written.addAndGet(rest.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf("%d ledger observations not written at shutdown: the next passes make them again", queue.size());
        }
    }

    /**
     * Queues what a pass saw, unless it is what the ledger already has ({@code recorded}, read
     * with the resource's row): the passes of a steady resource queue nothing. An ongoing
     * outage is queued again at most every {@link #OUTAGE_RECHECK}, as only a maintenance
     * window's edge can change it.
     */
    public void observe(Observation o, Recorded recorded) {
        Observation queuedBefore = pending.get(o.resourceId());
        if (queuedBefore != null) {
            // Not written yet: the ledger will have that, whatever the row said.
            recorded = queuedBefore.tenantAction() ? null : new Recorded(queuedBefore.category(), queuedBefore.sizes());
        }
        if (recorded != null && recorded.sizes().equals(o.sizes()) && !o.tenantAction()) {
            Category c = o.category();
            if (recorded.category().outage() && (c == Category.DOWN || c == Category.PROVISIONING)) {
                Instant last = outageSeen.get(o.resourceId());
                if (last != null && Duration.between(last, o.at()).compareTo(OUTAGE_RECHECK) < 0) {
                    return;
                }
                outageSeen.put(o.resourceId(), o.at());
            } else if (c == recorded.category()) {
                return;
            }
        }
        if (o.category() == Category.UP || o.category() == Category.DELETED) {
            outageSeen.remove(o.resourceId());
        }
        pending.put(o.resourceId(), o);
        queued.incrementAndGet();
        queue.add(o);
    }

    /** Waits until everything observed before this call is written: for tests, benchmarks and shutdown. */
    public void flush(Duration timeout) {
        long target = queued.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (written.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The ledger did not catch up within " + timeout);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void writeLoop() {
        while (running) {
            try {
                Observation first = queue.take();
                if (queue.size() < BATCH - 1) {
                    Thread.sleep(LINGER.toMillis()); // let a burst gather into one transaction
                }
                List<Observation> batch = new ArrayList<>();
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                writeWithRetries(batch);
                batch.forEach(o -> pending.remove(o.resourceId(), o));
                written.addAndGet(batch.size());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Ledger write failed; going on", e);
            }
        }
    }

    private void writeWithRetries(List<Observation> batch) throws InterruptedException {
        for (int attempt = 1;; attempt++) {
            try {
                write(batch);
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    // The next pass on each resource observes it again: nothing recorded, nothing skipped.
                    LOG.errorf(e, "Dropped %d ledger observations after %d attempts", batch.size(), attempt);
                    return;
                }
                Thread.sleep(200L * attempt);
            }
        }
    }

    /** One transaction: lock the resources' heads, append what changed, add closed intervals to the month totals. */
    void write(List<Observation> batch) {
        Map<UUID, List<Observation>> byResource = new TreeMap<>();
        batch.forEach(o -> byResource.computeIfAbsent(o.resourceId(), id -> new ArrayList<>()).add(o));
        pool.withTransaction(tx -> lockHeads(tx, byResource)
                .chain(() -> heads(tx, byResource.keySet()))
                .chain(heads -> windows(tx, heads, batch).chain(windows -> {
                    Rows rows = append(byResource, heads, windows);
                    return insertTransitions(tx, rows.transitions).chain(() -> updateHeads(tx, rows.heads))
                            .chain(() -> addMonthly(tx, rows.monthly));
                }))).await().atMost(DB);
    }

    /** What a batch writes: transitions, new heads, and seconds to add per (tenant, month, resource, category). */
    private record Rows(List<Placed> transitions, List<Placed> heads, Map<MonthlyKey, Double> monthly) {
    }

    /** The row of {@code ledger_monthly} that closed seconds are added to. */
    private record MonthlyKey(UUID tenantId, YearMonth month, UUID resourceId, Category category) {
    }

    /** A transition of a resource: one appended, or the one its head now is. */
    private record Placed(UUID id, Transition t) {
    }

    private Rows append(Map<UUID, List<Observation>> byResource, Map<UUID, Head> heads, List<MaintenanceWindow> windows) {
        Duration minimumOutage = config.sla().minimumOutage();
        Rows rows = new Rows(new ArrayList<>(), new ArrayList<>(), new LinkedHashMap<>());
        byResource.forEach((id, observations) -> {
            Observation any = observations.get(0);
            List<MaintenanceWindow> covering = windows.stream().filter(w -> w.covers(any.tenantId(), any.region())).toList();
            Appended a = LedgerMath.append(heads.get(id), observations, covering);
            for (Transition t : a.transitions()) {
                rows.transitions.add(new Placed(id, t));
            }
            for (Interval i : a.closed()) {
                Category counted = LedgerMath.counted(i.category(), Duration.between(i.from(), i.to()), minimumOutage);
                LedgerMath.secondsByMonth(i.from(), i.to()).forEach((month, seconds) -> rows.monthly.merge(
                        new MonthlyKey(any.tenantId(), month, id, counted), seconds, Double::sum));
            }
            if (!a.transitions().isEmpty()) {
                rows.heads.add(new Placed(id, a.transitions().get(a.transitions().size() - 1)));
            }
        });
        return rows;
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
        return tx.preparedQuery("INSERT INTO ledger_resources (resource_id, tenant_id, kind, name, region)"
                + " SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[]) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(ids, tenants, kinds, names, regions))
                .chain(() -> tx.preparedQuery("SELECT 1 FROM ledger_resources WHERE resource_id = ANY($1) ORDER BY resource_id FOR UPDATE")
                        .execute(Tuple.of(ids)))
                .replaceWithVoid();
    }

    private static Uni<Map<UUID, Head>> heads(SqlClient tx, Set<UUID> ids) {
        return tx.preparedQuery("SELECT * FROM ledger_resources WHERE resource_id = ANY($1) AND category IS NOT NULL")
                .execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
                    Map<UUID, Head> heads = new HashMap<>();
                    for (Row r : rows) {
                        heads.put(r.getUUID("resource_id"), new Head(Category.of(r.getString("category")), Sql.instant(r, "since"),
                                r.getString("reason"), new Sizes(r.getInteger("vcpus"), r.getInteger("memory_mib"), r.getInteger("storage_gib"))));
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
        return rows.isEmpty() ? Uni.createFrom().voidItem()
                : tx.preparedQuery("INSERT INTO ledger_transitions (resource_id, at, category, reason, vcpus, memory_mib, storage_gib)"
                        + " SELECT * FROM unnest(" + UNNEST + ")").execute(columns(rows)).replaceWithVoid();
    }

    private static Uni<Void> updateHeads(SqlClient tx, List<Placed> rows) {
        return rows.isEmpty() ? Uni.createFrom().voidItem()
                : tx.preparedQuery("UPDATE ledger_resources r SET since = u.at, category = u.category, reason = u.reason,"
                        + " vcpus = u.vcpus, memory_mib = u.memory_mib, storage_gib = u.storage_gib FROM unnest(" + UNNEST + ")"
                        + " AS u (id, at, category, reason, vcpus, memory_mib, storage_gib) WHERE r.resource_id = u.id")
                        .execute(columns(rows)).replaceWithVoid();
    }

    private static final String UNNEST = "$1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[]";

    /** Transitions as the arrays {@link #UNNEST} takes, one per column. */
    private static Tuple columns(List<Placed> rows) {
        int n = rows.size();
        UUID[] ids = new UUID[n];
        java.time.OffsetDateTime[] ats = new java.time.OffsetDateTime[n];
        String[] categories = new String[n];
        String[] reasons = new String[n];
        Integer[] vcpus = new Integer[n];
        Integer[] memory = new Integer[n];
        Integer[] storage = new Integer[n];
        for (int i = 0; i < n; i++) {
            Transition t = rows.get(i).t();
            ids[i] = rows.get(i).id();
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
        java.time.LocalDate[] months = new java.time.LocalDate[n];
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
        return tx.preparedQuery("INSERT INTO ledger_monthly (tenant_id, month, resource_id, category, seconds)"
                + " SELECT * FROM unnest($1::uuid[], $2::date[], $3::uuid[], $4::text[], $5::float8[])"
                + " ON CONFLICT (tenant_id, month, resource_id, category) DO UPDATE SET seconds = ledger_monthly.seconds + EXCLUDED.seconds")
                .execute(Tuple.of(tenants, months, ids, categories, seconds)).replaceWithVoid();
    }

    private void beatAndSweep() {
        try {
            beat();
            recordDeletions();
        } catch (RuntimeException e) {
            LOG.warn("Ledger heartbeat failed; retrying", e);
        }
    }

    /**
     * A resource tombstoned without its deletion in the ledger (its observation lost with a
     * crashed replica, or dropped) would be billed and reported forever: record it, at the
     * tombstone's time.
     */
    private void recordDeletions() {
        for (Row r : pool.query("SELECT l.*, COALESCE(i.deleted_at, v.deleted_at, n.deleted_at) AS gone_at FROM ledger_resources l"
                + " LEFT JOIN instances i ON i.id = l.resource_id AND l.kind = 'instance'"
                + " LEFT JOIN volumes v ON v.id = l.resource_id AND l.kind = 'volume'"
                + " LEFT JOIN networks n ON n.id = l.resource_id AND l.kind = 'network'"
                + " WHERE l.category IS NOT NULL AND l.category <> 'deleted'"
                + " AND COALESCE(i.deleted_at, v.deleted_at, n.deleted_at) IS NOT NULL").execute().await().atMost(DB)) {
            if (pending.containsKey(r.getUUID("resource_id"))) {
                continue; // its deletion may be in the queue
            }
            observe(headObservation(r, Sql.instant(r, "gone_at"), Category.DELETED, "Deleted"), null);
        }
    }

    private static Observation headObservation(Row r, Instant at, Category category, String reason) {
        return new Observation(r.getUUID("resource_id"), r.getUUID("tenant_id"),
                Observation.Kind.valueOf(r.getString("kind").toUpperCase(java.util.Locale.ROOT)), r.getString("name"),
                r.getString("region"), null, at, category, reason, false,
                new Sizes(r.getInteger("vcpus"), r.getInteger("memory_mib"), r.getInteger("storage_gib")));
    }

    private void beat() {
        Instant now = clock.instant();
        pool.preparedQuery("INSERT INTO ledger_observers (replica, beat_at) VALUES ($1, $2)"
                + " ON CONFLICT (replica) DO UPDATE SET beat_at = EXCLUDED.beat_at")
                .execute(Tuple.of(replica, Sql.timestamp(now))).await().atMost(DB);
        pool.preparedQuery("DELETE FROM ledger_observers WHERE beat_at < $1")
                .execute(Tuple.of(Sql.timestamp(now.minus(Duration.ofDays(7))))).await().atMost(DB);
    }

    /**
     * When every replica was silent for longer than the allowed gap, nobody saw what happened:
     * each resource's history records that time as unknown, from the last heartbeat, before
     * the passes that follow record what it is now.
     */
    private void recordObserverGap() {
        Row last = pool.query("SELECT max(beat_at) AS last FROM ledger_observers").execute().await().atMost(DB).iterator().next();
        Instant lastBeat = Sql.instant(last, "last");
        Instant now = clock.instant();
        if (lastBeat == null || Duration.between(lastBeat, now).compareTo(config.sla().observerGap()) <= 0) {
            return;
        }
        String reason = "No Nuage replica was observing from " + lastBeat + " to " + now;
        List<Observation> gap = new ArrayList<>();
        for (Row r : pool.query("SELECT * FROM ledger_resources WHERE category IS NOT NULL AND category NOT IN ('deleted', 'unknown')")
                .execute().await().atMost(DB)) {
            // A replica may have recorded a transition after its last heartbeat: the unknown starts after it.
            Instant since = Sql.instant(r, "since");
            gap.add(headObservation(r, since.isAfter(lastBeat) ? since : lastBeat, Category.UNKNOWN, reason));
        }
        // Written before the reconciler starts, so its first passes see it and record what is now.
        for (int i = 0; i < gap.size(); i += BATCH) {
            write(gap.subList(i, Math.min(gap.size(), i + BATCH)));
        }
        int n = gap.size();
        LOG.warnf("%s: recorded as unknown for %d resources", reason, n);
    }
}
