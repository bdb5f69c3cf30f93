package io.nuage.sla;

import java.time.Duration;
import java.util.List;

import org.jboss.logging.Logger;

/**
 * The thread that writes the {@link ObservationQueue} to the ledger, in batches of one
 * transaction each, so a burst of transitions costs a few statements, not a few per transition.
 */
final class LedgerWriter {

    /** Logged as the ledger, as before the writer had a class of its own. */
    private static final Logger LOG = Logger.getLogger(Ledger.class);
    private static final int ATTEMPTS = 5;
    /**
     * How long the writer waits for more after the first observation of a batch. Times are those
     * of the observations, so this delays only when a transition can be read; it turns a busy
     * reconciler's trickle into a few transactions a second (see docs/benchmarks.md, SLA).
     */
    static final Duration LINGER = Duration.ofMillis(200);

    private final ObservationQueue queue;
    private final LedgerStore store;
    private volatile boolean running;
    private Thread thread;

    LedgerWriter(ObservationQueue queue, LedgerStore store) {
        this.queue = queue;
        this.store = store;
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
            List<Observation> rest = queue.drain();
            if (!rest.isEmpty()) {
                store.write(rest);
                queue.countWritten(rest.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf("%d ledger observations not written at shutdown: the next passes make them again", queue.size());
        }
    }

    private void writeLoop() {
        while (running) {
            try {
                List<Observation> batch = queue.nextBatch(LedgerStore.BATCH, LINGER);
                writeWithRetries(batch);
                queue.written(batch);
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
}
