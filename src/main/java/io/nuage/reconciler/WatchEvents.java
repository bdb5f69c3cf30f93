package io.nuage.reconciler;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.nuage.db.Sql;
import io.nuage.work.WorkKind;

/**
 * Watch events only enqueue work, never write status: N replicas watching one cluster cause no duplicate writes.
 * Events come in bursts, so the resources they name are gathered and enqueued in batches, one transaction per
 * 20 ms; every 5 s the watches themselves are checked.
 */
final class WatchEvents implements Runnable {

    private static final Logger LOG = Logger.getLogger(WatchEvents.class);

    private record Changed(WorkKind kind, UUID id) {
    }

    private final WorkQueue queue;
    private final ClusterCache cache;
    private final Set<Changed> changed = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    WatchEvents(WorkQueue queue, ClusterCache cache) {
        this.queue = queue;
        this.cache = cache;
    }

    /** A cluster object of resource {@code id} of {@code kind} changed. */
    void changed(WorkKind kind, UUID id) {
        changed.add(new Changed(kind, id));
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        long nextWatchCheck = 0;
        while (running) {
            Threads.sleepQuietly(20);
            if (System.currentTimeMillis() > nextWatchCheck) {
                nextWatchCheck = System.currentTimeMillis() + 5000;
                List<String> problems = cache.checkWatches();
                if (!problems.isEmpty()) {
                    LOG.warnf("Cluster watches not watching: %s", problems);
                }
            }
            if (!changed.isEmpty()) {
                flush();
            }
        }
    }

    private void flush() {
        List<Changed> batch = new ArrayList<>(changed);
        changed.removeAll(batch);
        Map<WorkKind, List<UUID>> byKind = new EnumMap<>(WorkKind.class);
        batch.forEach(c -> byKind.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(c.id()));
        try {
            for (Map.Entry<WorkKind, List<UUID>> e : byKind.entrySet()) {
                queue.enqueueAll(e.getKey(), e.getValue()).await().atMost(Sql.AWAIT);
            }
        } catch (RuntimeException e) {
            changed.addAll(batch); // re-enqueueing is idempotent
            LOG.warn("Enqueueing watch events failed; retrying", e);
            Threads.sleepQuietly(1000);
        }
    }
}
