package io.nuage.simulator;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

/**
 * A controller work queue in the manner of client-go's: keys are deduplicated while waiting, one key is never
 * handled by two workers at once (an add during handling runs it again afterwards), and a handler that throws is
 * retried after a short back-off. Workers are a small fixed pool of this queue's own daemon threads, so Fabric8 is
 * never called on an event-loop thread.
 */
final class KeyedWorkQueue implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KeyedWorkQueue.class);
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(200);

    private final Consumer<String> handler;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Set<String> waiting = new HashSet<>();
    private final Set<String> running = new HashSet<>();
    private final Set<String> addedWhileRunning = new HashSet<>();
    private boolean closed;

    KeyedWorkQueue(String name, int workerCount, Consumer<String> handler) {
        this.handler = handler;
        this.workers = Executors.newFixedThreadPool(workerCount, daemonThreads(name + "-worker"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreads(name + "-timer"));
    }

    synchronized void add(String key) {
        if (closed) {
            return;
        }
        if (running.contains(key)) {
            addedWhileRunning.add(key);
        } else if (waiting.add(key)) {
            workers.execute(() -> handle(key));
        }
    }

    void addAfter(String key, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            timer.schedule(() -> add(key), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void handle(String key) {
        synchronized (this) {
            waiting.remove(key);
            running.add(key);
        }
        try {
            handler.accept(key);
        } catch (RuntimeException e) {
            LOG.debugf(e, "simulated controller failed on %s; retrying", key);
            addAfter(key, RETRY_BACKOFF);
        } finally {
            synchronized (this) {
                running.remove(key);
                if (addedWhileRunning.remove(key)) {
                    add(key);
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        timer.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
