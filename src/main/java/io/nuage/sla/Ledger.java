package io.nuage.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nuage.platform.NuageConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Appends what reconcile passes observe to the availability ledger. A pass only queues its
 * observation ({@link ObservationQueue}: it never waits on the ledger); one thread
 * ({@link LedgerWriter}) writes the queue in batches ({@link LedgerStore}), retrying while the
 * database is away, so an observation keeps its observed time. An observation lost with a
 * crashed replica is made again by the next pass on the resource. This class starts and
 * stops those parts, and the heartbeat that records what no pass observes.
 */
@Singleton
public class Ledger {

    private static final Logger LOG = Logger.getLogger(Ledger.class);

    private final NuageConfig config;
    private final LedgerStore store;
    private final ObservationQueue queue;
    private final LedgerWriter writer;
    private final ObserverHeartbeat observers;
    private final DeletionSweep deletions;
    private boolean running;
    private volatile Instant lastBeatBeforeStart;
    private ScheduledExecutorService heartbeat;

    Ledger(Pool pool, Clock clock, NuageConfig config, MeterRegistry registry) {
        this.config = config;
        this.store = new LedgerStore(pool, config);
        Counter dropped = Counter.builder("nuage.ledger.observations.dropped")
                .description("Observations refused because the ledger's queue was full (the database away too long):"
                        + " their transitions are recorded late, by the next pass")
                .register(registry);
        Counter failures = Counter.builder("nuage.ledger.write.failures")
                .description("Failed attempts to write a batch of the ledger: retried, with the observed times kept")
                .register(registry);
        this.queue = new ObservationQueue(ObservationQueue.CAPACITY, dropped::increment);
        this.writer = new LedgerWriter(queue, store::write, failures::increment);
        this.observers = new ObserverHeartbeat(pool, clock, config, store);
        this.deletions = new DeletionSweep(pool, queue);
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
        lastBeatBeforeStart = observers.recordGap();
        running = true;
        writer.start();
        // Its own thread: a slow batch must not look like a replica that stopped observing.
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nuage-ledger-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = config.sla().heartbeat().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beatAndSweep, 0, every, TimeUnit.MILLISECONDS);
    }

    /**
     * At shutdown, after the reconciler has stopped (its observers run at the default priority) and before the pools
     * close: the last passes' observations are written.
     */
    void onStop(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) ShutdownEvent event) {
        stop();
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
     * outage is queued again at most every {@link ObservationQueue#OUTAGE_RECHECK}, as only a
     * maintenance window's edge can change it.
     */
    public void observe(Observation o, Recorded recorded) {
        queue.offer(o, recorded);
    }

    /**
     * The last time a replica proved it was observing before this one started (its heartbeat, every
     * {@code nuage.sla.heartbeat}); null when none ever did. A restart after no replica was observing starts its
     * unobserved time there.
     */
    public Instant lastBeatBeforeStart() {
        return lastBeatBeforeStart;
    }

    /** Waits until everything observed before this call is written: for tests, benchmarks and shutdown. */
    public void flush(Duration timeout) {
        queue.awaitWritten(timeout);
    }

    /** Writes one batch in one transaction, bypassing the queue. */
    void write(List<Observation> batch) {
        store.write(batch);
    }

    private void beatAndSweep() {
        try {
            observers.beat();
            deletions.recordDeletions();
        } catch (RuntimeException e) {
            LOG.warn("Ledger heartbeat failed; retrying", e);
        }
    }
}
