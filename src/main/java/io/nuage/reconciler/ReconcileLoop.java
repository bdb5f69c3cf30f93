package io.nuage.reconciler;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nuage.platform.NuageConfig;
import io.nuage.work.WorkItems;
import io.nuage.work.WorkKind;
import io.nuage.db.DatabaseOutage;
import io.nuage.db.ReconcilerDatabase;
import io.nuage.db.Sql;
import io.quarkus.arc.All;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Runs reconcile passes: a dispatcher thread claims due work items (leases shared with every
 * other replica through PostgreSQL) and hands them, in batches, to a bounded pool of worker
 * threads. It wakes on NOTIFY, directly when this replica's API commits a create, and polls every second for
 * retries whose backoff has elapsed.
 * Fabric8 is blocking, so passes run on these threads, never on a Vert.x event loop. A batch's
 * items stay leased until all its passes end; a batch is at most a few items, far from the
 * lease's length, and a lease that runs out only lets another replica repeat a pass.
 */
@Singleton
public class ReconcileLoop {

    private static final Logger LOG = Logger.getLogger(ReconcileLoop.class);
    /** A claim takes up to this many items per free worker; a batch's passes share their round trips. */
    private static final int BATCH_PER_WORKER = 8;
    /** Claimed items are spread over the free workers, in batches of at least this many: fewer round trips. */
    private static final int MIN_BATCH = 4;
    /**
     * How long the dispatcher lets work gather after a wake-up before it claims: creates and watch events come a few
     * milliseconds apart, and passes claimed together share their statements (docs/benchmarks.md, "linger").
     */
    private static final long LINGER_MILLIS = 10;

    private final NuageConfig.Reconciler config;
    private final WorkQueue queue;
    private final WorkItems items;
    private final DatabaseOutage outage;
    private final List<KindReconciler> reconcilers;
    private final Map<WorkKind, KindReconciler> byKind = new EnumMap<>(WorkKind.class);
    private final ClusterCache cache;
    private final LegacyObjects legacy;
    private final ObservationGap gap;
    private final Resync resync;
    private final Vertx vertx;
    private final PgConnectOptions listenOptions;
    private final Retries retries;
    private final String worker;
    private final Semaphore slots;
    private final Object wake = new Object();
    /** Set by {@link #wake()}, cleared by the dispatcher when it waits: a wake-up is never lost. */
    private boolean woken;
    /** The last claim took as many items as it could, or none for want of a worker: claim again when one frees. */
    private volatile boolean backlog;
    private final Map<WorkKind, Counter> passCounters = new EnumMap<>(WorkKind.class);
    private volatile boolean running;
    private ExecutorService workers;
    private Thread dispatcher;
    private WatchEvents events;
    private LivenessSession session;
    private final Runnable localWake = this::wake;
    private final Leases leases;

    ReconcileLoop(NuageConfig config, WorkQueue queue, WorkItems items, @All List<KindReconciler> reconcilers, ClusterCache cache,
            LegacyObjects legacy, Vertx vertx, MeterRegistry registry, ReconcilerDatabase database, DatabaseOutage outage,
            ObservationGap gap, Resync resync) {
        this.gap = gap;
        this.resync = resync;
        this.config = config.reconciler();
        this.outage = outage;
        this.queue = queue;
        this.items = items;
        this.reconcilers = reconcilers;
        reconcilers.forEach(r -> byKind.put(r.kind(), r));
        reconcilers.forEach(r -> passCounters.put(r.kind(), Counter
                .builder("nuage.reconcile.passes").description("Reconcile passes run by this replica")
                .tag("kind", r.kind().key()).register(registry)));
        this.cache = cache;
        this.legacy = legacy;
        this.vertx = vertx;
        this.retries = new Retries(new Backoff(this.config.backoffBase(), this.config.backoffCap()));
        this.worker = Leases.workerId();
        this.listenOptions = database.connectOptions();
        this.leases = new Leases(queue, outage, worker, (int) this.config.lease().toSeconds(), this::wake);
        this.slots = new Semaphore(this.config.workers());
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            start();
        } else {
            LOG.info("Reconciler disabled (nuage.reconciler.enabled=false): this replica serves the API only");
        }
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        // Before this replica's own liveness session opens, and inside the StartupEvent: before HTTP serves anything.
        gap.markIfNobodyObserving(queue, worker);
        session = new LivenessSession(vertx, listenOptions, worker, outage, this::wake);
        items.addLocalDispatcher(localWake);
        events = new WatchEvents(queue, cache);
        adoptLegacyObjects();
        cache.start(reconcilers, events::changed);
        resync.runAtStart();
        workers = Executors.newFixedThreadPool(config.workers(), Threads.named("nuage-reconcile"));
        dispatcher = Threads.named("nuage-dispatch").newThread(this::dispatch);
        dispatcher.start();
        leases.start();
        Threads.named("nuage-watch-events").newThread(events).start();
        LOG.infof("Reconciler %s started with %d workers", worker, config.workers());
    }

    /** Before the watches start, which would not see them: a failure only leaves them unseen until the next start. */
    private void adoptLegacyObjects() {
        try {
            legacy.adopt(reconcilers);
        } catch (RuntimeException e) {
            LOG.warn("Could not label the objects written before installations had ids; they stay unseen until a restart", e);
        }
    }

    /** Passes completed since start: for tests and the benchmark. */
    public int passes() {
        return (int) passCounters.values().stream().mapToDouble(Counter::count).sum();
    }

    private void dispatch() {
        while (running) {
            try {
                int free = session.open() ? slots.availablePermits() : 0;
                int limit = free * BATCH_PER_WORKER;
                List<WorkQueue.Item> items = free == 0 ? List.of()
                        : queue.claim(worker, limit, (int) config.lease().toSeconds(), List.copyOf(byKind.keySet())).await().atMost(Sql.AWAIT);
                leases.held(items);
                backlog = free == 0 || items.size() == limit;
                for (List<WorkQueue.Item> batch : batches(items, free)) {
                    slots.acquire();
                    workers.execute(() -> run(batch));
                }
                if (!backlog && awaitWake(1000)) {
                    Thread.sleep(LINGER_MILLIS); // let the burst that woke us gather into one claim
                } else if (free == 0) {
                    awaitWake(1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!outage.unavailable(e)) { // an outage is logged once, by DatabaseOutage
                    LOG.warn("Claiming work failed; retrying", e);
                }
                Threads.sleepQuietly(1000);
            }
        }
    }

    /** The claimed items by kind, in batches of at least {@link #MIN_BATCH}, at most one per free worker. */
    private static List<List<WorkQueue.Item>> batches(List<WorkQueue.Item> items, int workers) {
        if (items.isEmpty()) {
            return List.of();
        }
        int size = Math.max(MIN_BATCH, (items.size() + workers - 1) / workers);
        Map<WorkKind, List<WorkQueue.Item>> byKind = new LinkedHashMap<>();
        items.forEach(i -> byKind.computeIfAbsent(i.kind(), k -> new ArrayList<>()).add(i));
        List<List<WorkQueue.Item>> batches = new ArrayList<>();
        for (List<WorkQueue.Item> ofKind : byKind.values()) {
            for (int from = 0; from < ofKind.size(); from += size) {
                batches.add(ofKind.subList(from, Math.min(ofKind.size(), from + size)));
            }
        }
        return batches;
    }

    /**
     * Runs the passes of one batch (items of one kind) and ends their work items together. The dispatcher is woken
     * afterwards only when there is something to claim: an item is due again, or the last claim left due items behind
     * for want of a worker (docs/benchmarks.md, "waking the dispatcher after a batch").
     */
    private void run(List<WorkQueue.Item> batch) {
        WorkKind kind = batch.get(0).kind();
        boolean dueAgain = false;
        List<WorkQueue.Completion> completions = new ArrayList<>();
        try {
            Map<UUID, Outcome> outcomes = new HashMap<>();
            try {
                outcomes = byKind.get(kind).reconcileAll(batch.stream().map(WorkQueue.Item::resourceId).toList());
            } catch (RuntimeException e) {
                // The batch's shared read or write failed: every pass of it failed.
                for (WorkQueue.Item item : batch) {
                    outcomes.put(item.resourceId(), Outcome.failed(e));
                }
            }
            for (WorkQueue.Item item : batch) {
                completions.add(retries.completion(item, outcomes.get(item.resourceId())));
            }
            dueAgain = queue.complete(completions, worker).await().atMost(Sql.AWAIT);
        } catch (RuntimeException lost) {
            if (!outage.unavailable(lost)) {
                LOG.warn("Could not record the end of the passes; retrying with the lease heartbeat", lost);
            }
            leases.recordLater(completions);
        } finally {
            leases.ended(batch);
            passCounters.get(kind).increment(batch.size());
            slots.release();
            if (dueAgain || backlog) {
                wake();
            }
        }
    }

    private void wake() {
        synchronized (wake) {
            woken = true;
            wake.notifyAll();
        }
    }

    /**
     * Waits for a NOTIFY, a free worker or the poll interval; true when woken. A wake-up that came while the
     * dispatcher was still claiming counts: without the flag, a pass ending between the claim
     * and the wait left the dispatcher asleep for the whole interval with a worker idle.
     */
    private boolean awaitWake(long millis) throws InterruptedException {
        synchronized (wake) {
            if (!woken) {
                wake.wait(millis);
            }
            boolean wasWoken = woken;
            woken = false;
            return wasWoken;
        }
    }

    /** At the start of shutdown, while the pools are still open: passes end and release their items, none is claimed. */
    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    @PreDestroy
    synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        events.stop();
        items.removeLocalDispatcher(localWake);
        wake();
        workers.shutdown();
        try {
            dispatcher.join(5000);
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        leases.stop(); // while the liveness session is open: nobody else frees these items meanwhile
        session.close();
    }

}
