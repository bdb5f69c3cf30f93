package io.nuage.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.nuage.db.Sql;
import io.nuage.platform.NuageConfig;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
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
    private static final Duration DB = LedgerStore.DB;

    private final Pool pool;
    private final Clock clock;
    private final NuageConfig config;
    private final LedgerStore store;
    private final ObservationQueue queue = new ObservationQueue();
    private final LedgerWriter writer;
    private final String replica = UUID.randomUUID().toString();
    private boolean running;
    private java.util.concurrent.ScheduledExecutorService heartbeat;

    Ledger(Pool pool, Clock clock, NuageConfig config) {
        this.pool = pool;
        this.clock = clock;
        this.config = config;
        this.store = new LedgerStore(pool, config);
        this.writer = new LedgerWriter(queue, store);
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
        writer.stop();
    }

    /**
     * Queues what a pass saw, unless it is what the ledger already has ({@code recorded}, read
     * with the resource's row): the passes of a steady resource queue nothing. An ongoing
     * outage is queued again at most every {@link ObservationQueue#OUTAGE_RECHECK}, as only a maintenance
     * window's edge can change it.
     */
    public void observe(Observation o, Recorded recorded) {
        queue.offer(o, recorded);
    }

    /** Waits until everything observed before this call is written: for tests, benchmarks and shutdown. */
    public void flush(Duration timeout) {
        queue.awaitWritten(timeout);
    }

    /** Writes one batch in one transaction. */
    void write(List<Observation> batch) {
        store.write(batch);
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
            if (queue.pending(r.getUUID("resource_id"))) {
                continue; // its deletion may be in the queue
            }
            observe(headObservation(r, Sql.instant(r, "gone_at"), Category.DELETED, "Deleted"), null);
        }
    }

    private static Observation headObservation(Row r, Instant at, Category category, String reason) {
        return new Observation(r.getUUID("resource_id"), r.getUUID("tenant_id"),
                Observation.Kind.valueOf(r.getString("kind").toUpperCase(java.util.Locale.ROOT)), r.getString("name"),
                r.getString("region"), null, at, category, reason, false, LedgerStore.sizes(r));
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
        for (int i = 0; i < gap.size(); i += LedgerStore.BATCH) {
            write(gap.subList(i, Math.min(gap.size(), i + LedgerStore.BATCH)));
        }
        int n = gap.size();
        LOG.warnf("%s: recorded as unknown for %d resources", reason, n);
    }
}
