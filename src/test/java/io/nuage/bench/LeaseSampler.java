package io.nuage.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Looks at the work queue every 100 ms while a phase runs: how many items each worker holds leased, and how many are
 * still held past their lease's end. A work item is one row (primary key kind, resource id) with one {@code leased_by},
 * and a claim takes only rows whose lease is over ({@code FOR UPDATE SKIP LOCKED}): two replicas can run one item's
 * pass at once only if a lease ran out while its pass still ran, so such a lease, seen, is what would allow it. The
 * rows are deleted when their passes end, so a sample is all the database keeps of it.
 */
final class LeaseSampler implements AutoCloseable {

    /** What the samples saw: per worker, the item-samples it held; rows seen held past their lease; samples taken. */
    record Summary(Map<String, Long> heldByWorker, long overdue, int samples) {
    }

    private final Connection connection;
    private final Thread thread;
    private final Map<String, Long> held = new TreeMap<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean running = true;
    private long overdue;
    private int samples;

    LeaseSampler(Connection connection) {
        this.connection = connection;
        this.thread = new Thread(this::sample, "lease-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        try (Statement st = connection.createStatement()) {
            while (running) {
                try (ResultSet r = st.executeQuery("""
                        SELECT leased_by, count(*) AS held, count(*) FILTER (WHERE leased_until < now()) AS overdue
                        FROM work_items WHERE leased_by IS NOT NULL GROUP BY leased_by""")) {
                    synchronized (this) {
                        while (r.next()) {
                            held.merge(r.getString("leased_by"), r.getLong("held"), Long::sum);
                            overdue += r.getLong("overdue");
                        }
                        samples++;
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure.set(e);
        }
    }

    /** Stops sampling; what it saw. */
    Summary stop() throws Exception {
        running = false;
        thread.join(5000);
        if (failure.get() != null) {
            throw failure.get();
        }
        synchronized (this) {
            return new Summary(Map.copyOf(held), overdue, samples);
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.join(5000);
        connection.close();
    }
}
