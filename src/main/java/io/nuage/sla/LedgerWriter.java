package io.nuage.sla;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

/**
 * The thread that writes the {@link ObservationQueue} to the ledger, in batches of one
 * transaction each, so a burst of transitions costs a few statements, not a few per transition.
 *
 * <p>A batch that cannot be written is retried until it is, however long the database is away:
 * dropping it would have the next pass record the transition again, but at the time the
 * database came back, moving the boundary of an outage. What passes observe meanwhile waits in
 * the queue (bounded: see {@link ObservationQueue}).
 */
final class LedgerWriter {

    /** Logged as the ledger, as before the writer had a class of its own. */
    private static final Logger LOG = Logger.getLogger(Ledger.class);
    /** The longest wait between two attempts: a database back is written to within this. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    /**
     * How long the writer waits for more after the first observation of a batch. Times are those
     * of the observations, so this delays only when a transition can be read; it turns a busy
     * reconciler's trickle into a few transactions a second (see docs/benchmarks.md, SLA).
     */
    static final Duration LINGER = Duration.ofMillis(200);

    /** Writes one batch in one transaction; {@link LedgerStore#write}, or a failing one in tests. */
    interface Store {
        void write(List<Observation> batch);
    }

    private final ObservationQueue queue;
    private final Store store;
    private final Runnable onFailure;
    private volatile boolean running;
    private Thread thread;
    /** The batch being written, kept for the last write at shutdown if it is not written by then. */
    private volatile List<Observation> inFlight = List.of();

    /** @param onFailure counts a failed attempt, for {@code nuage_ledger_write_failures_total} */
    LedgerWriter(ObservationQueue queue, Store store, Runnable onFailure) {
        this.queue = queue;
        this.store = store;
        this.onFailure = onFailure;
    }

    void start() {
        running = true;
        thread = new Thread(this::writeLoop, "nuage-ledger");
        thread.setDaemon(true);
        thread.start();
    }

    /** Writes what is queued before it stops: a rolling deploy loses no transition. */
    void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
            List<Observation> rest = new ArrayList<>(inFlight);
            rest.addAll(queue.drain());
            if (!rest.isEmpty()) {
                store.write(rest);
                queue.written(rest);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf("%d ledger observations not written at shutdown: the next passes make them again",
                    inFlight.size() + queue.size());
        }
    }

    private void writeLoop() {
        while (running) {
            try {
                List<Observation> batch = queue.nextBatch(LedgerStore.BATCH, LINGER);
                inFlight = batch;
                writeWithRetries(batch);
                queue.written(batch);
                inFlight = List.of();
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
                store.write(batch);
                if (attempt > 1) {
                    LOG.infof("Wrote %d ledger observations after %d attempts", batch.size(), attempt);
                }
                return;
            } catch (RuntimeException e) {
                onFailure.run();
                if (attempt == 1 || attempt % 30 == 0) {
                    LOG.warnf(e, "Ledger write failed (attempt %d); %d observations wait, with their observed times",
                            attempt, batch.size() + queue.size());
                }
                Thread.sleep(Math.min(200L * attempt, MAX_BACKOFF.toMillis()));
            }
        }
    }
}
