package io.nuage.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The observations waiting for the ledger's writer. What the ledger already has is not queued,
 * so the passes of a steady resource cost nothing; what is queued stands, per resource, for what
 * the ledger will have until it is written.
 *
 * <p>While the database is away the queue holds what passes observe, each with its observed
 * time, up to {@link #CAPACITY}. At the bound the newest observation is refused and counted
 * ({@code nuage_ledger_observations_dropped_total}): what is queued keeps its order and times,
 * so no boundary already queued moves. Dropping the oldest instead would erase the start of an
 * outage and keep its end. A refused observation is not remembered as pending, so the next pass
 * on its resource offers it again, at that pass's time: the one case where a boundary is
 * recorded late, and the counter says it happened.
 */
final class ObservationQueue {

    /**
     * The most observations waiting: a few hundred bytes each, so tens of MiB at most. A pass
     * leases its work in the database, so an outage itself adds few; the bound is for an
     * outage under a burst of transitions that lasts far longer than the writer's retries.
     */
    static final int CAPACITY = 100_000;

    /** An ongoing outage is queued again at most this often: only a maintenance window's edge can change it. */
    static final Duration OUTAGE_RECHECK = Duration.ofSeconds(30);

    private final LinkedBlockingQueue<Observation> queue;
    /** When an outage was last re-observed, per resource: bounds the writes while it lasts. */
    private final Map<UUID, Instant> outageSeen = new ConcurrentHashMap<>();
    /** Queued and not yet written, per resource: what a pass compares with before the ledger has it. */
    private final Map<UUID, Observation> pending = new ConcurrentHashMap<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Runnable onDrop;

    ObservationQueue() {
        this(CAPACITY, () -> { });
    }

    /** @param onDrop counts an observation refused at the bound */
    ObservationQueue(int capacity, Runnable onDrop) {
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.onDrop = onDrop;
    }

    /**
     * Queues what a pass saw, unless it is what the ledger already has ({@code recorded}, read
     * with the resource's row, or what is queued for it).
     */
    void offer(Observation o, Recorded recorded) {
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
        Observation before = pending.put(o.resourceId(), o);
        if (!queue.offer(o)) {
            // Refused at the bound: the ledger will have what it would have had without it.
            if (before == null) {
                pending.remove(o.resourceId(), o);
            } else {
                pending.replace(o.resourceId(), o, before);
            }
            outageSeen.remove(o.resourceId());
            onDrop.run();
            return;
        }
        queued.incrementAndGet();
    }

    /** Whether an observation of the resource is queued and not yet written. */
    boolean pending(UUID resourceId) {
        return pending.containsKey(resourceId);
    }

    /**
     * Waits for an observation, then {@code linger} for more unless a full batch is already
     * there, and takes up to {@code max}.
     */
    List<Observation> nextBatch(int max, Duration linger) throws InterruptedException {
        Observation first = queue.take();
        if (queue.size() < max - 1) {
            Thread.sleep(linger.toMillis()); // let a burst gather into one transaction
        }
        List<Observation> batch = new ArrayList<>();
        batch.add(first);
        queue.drainTo(batch, max - 1);
        return batch;
    }

    /** Everything queued, for the last write at shutdown. */
    List<Observation> drain() {
        List<Observation> rest = new ArrayList<>();
        queue.drainTo(rest);
        return rest;
    }

    int size() {
        return queue.size();
    }

    /** The ledger has {@code batch} now. */
    void written(List<Observation> batch) {
        batch.forEach(o -> pending.remove(o.resourceId(), o));
        countWritten(batch.size());
    }

    /** Counts {@code n} observations as written, for {@link #awaitWritten}, without forgetting them as pending. */
    void countWritten(int n) {
        written.addAndGet(n);
    }

    /** Waits until everything queued before this call is written. */
    void awaitWritten(Duration timeout) {
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
}
