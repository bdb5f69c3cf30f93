package io.nuage.reconciler;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.nuage.db.DatabaseOutage;
import io.nuage.db.Sql;

/**
 * The life of this replica's work-item leases. A lease is short ({@code nuage.reconciler.lease}) and renewed every
 * third of it while its pass runs, so a pass may last as long as it needs. A replica is alive while its liveness
 * session is open: the LISTEN connection, named {@link #SESSION_PREFIX} and the worker. When a replica dies, the
 * operating system closes its connections and PostgreSQL its sessions, and the next heartbeat of any survivor frees
 * what it held: a dead replica's work waits a heartbeat, not a lease. The lease's expiry stays the backstop for a
 * replica cut off with its connections left open. An end of passes that could not be recorded (the database away)
 * is recorded by the heartbeat once it can be, rather than left to expire.
 */
final class Leases {

    private static final Logger LOG = Logger.getLogger(Leases.class);
    /** {@code application_name} of a reconciler's liveness session, followed by its worker id (63 bytes at most). */
    static final String SESSION_PREFIX = "nuage-reconciler ";
    static final int WORKER_MAX = 63 - SESSION_PREFIX.length();

    private final WorkQueue queue;
    private final DatabaseOutage outage;
    private final String worker;
    private final int leaseSeconds;
    private final Runnable wake;
    /** The items whose passes run now: only these are renewed, so an item this replica lost track of expires. */
    private final Set<WorkQueue.Item> held = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<List<WorkQueue.Completion>> unrecorded = new ConcurrentLinkedQueue<>();
    private ScheduledExecutorService heartbeat;

    /** {@code <random>@<host>}: unique, and says where it runs, within what an application name holds. */
    static String workerId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "nuage";
        }
        String id = java.util.UUID.randomUUID().toString().substring(0, 8) + "@" + host;
        return id.length() > WORKER_MAX ? id.substring(0, WORKER_MAX) : id;
    }

    Leases(WorkQueue queue, DatabaseOutage outage, String worker, int leaseSeconds, Runnable wake) {
        this.queue = queue;
        this.outage = outage;
        this.worker = worker;
        this.leaseSeconds = leaseSeconds;
        this.wake = wake;
    }

    void start() {
        heartbeat = Executors.newSingleThreadScheduledExecutor(Threads.named("nuage-leases"));
        long every = Math.max(1000, leaseSeconds * 1000L / 3);
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    void held(List<WorkQueue.Item> items) {
        held.addAll(items);
    }

    void ended(List<WorkQueue.Item> items) {
        items.forEach(held::remove);
    }

    /** The end of these passes could not be written: the heartbeat writes it when the database answers. */
    void recordLater(List<WorkQueue.Completion> completions) {
        unrecorded.add(completions);
    }

    /** Stops the heartbeat, then frees what this worker still holds (passes cut short by shutdown). */
    void stop() {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        recordUnrecorded();
        try {
            int freed = queue.releaseAll(worker).await().atMost(Sql.AWAIT);
            if (freed > 0) {
                LOG.infof("Released %d work item(s) at shutdown; another replica takes them over", freed);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not release this replica's work items at shutdown (%s); other replicas take them over"
                    + " when its session closes", e.getMessage());
        }
    }

    /** Renews first: a database that answers slowly must not delay the renewal past the leases' end. */
    private void beat() {
        try {
            List<java.util.UUID> ids = held.stream().map(WorkQueue.Item::resourceId).toList();
            if (!ids.isEmpty()) {
                queue.renew(worker, ids, leaseSeconds).await().atMost(Sql.AWAIT);
            }
            recordUnrecorded();
            int taken = queue.releaseOrphanedLeases(worker).await().atMost(Sql.AWAIT);
            if (taken > 0) {
                LOG.infof("Freed %d work item(s) held by replicas that stopped", taken);
                wake.run();
            }
        } catch (RuntimeException e) {
            if (!outage.unavailable(e)) { // an outage is logged once, by DatabaseOutage
                LOG.warn("Lease heartbeat failed; retrying", e);
            }
        }
    }

    /** Writes the ends not yet written, oldest first; stops at the first that fails, which is tried at the next beat. */
    private void recordUnrecorded() {
        for (List<WorkQueue.Completion> c; (c = unrecorded.peek()) != null;) {
            try {
                if (queue.complete(c, worker).await().atMost(Sql.AWAIT)) {
                    wake.run();
                }
                unrecorded.remove(c);
            } catch (RuntimeException e) {
                return;
            }
        }
    }
}
