package io.nuage.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A load offered at a fixed rate, as ScaleBenchmark offers its creates: the i-th request is due at
 * {@code start + i / rate} and is sent then, or at once when it is late. A slow answer delays only the client that
 * waits for it, not the load offered after it (as long as a client is free), and each latency runs from when its
 * request was due: when every client was busy, the wait for one is the server's too. So the latencies are those of
 * the rate offered, not of a rate the server set for itself (coordinated omission).
 */
final class OfferedLoad {

    /** One request of the load: the {@code i}-th. */
    interface Request {
        void send(int i) throws Exception;
    }

    private OfferedLoad() {
    }

    /** Sends requests 0 to {@code count} - 1 from {@code clients} threads at {@code rate}/s; their latencies, in ns. */
    static List<Long> run(int count, double rate, int clients, Request request) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(count));
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long due = awaitDue(start, i, rate);
                        request.send(i);
                        latencies.add(System.nanoTime() - due);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return sorted;
    }

    /** Waits until the {@code i}-th request of a load started at {@code start} is due (at once when late); when it was due. */
    static long awaitDue(long start, int i, double rate) {
        long due = start + (long) (i * 1e9 / rate);
        for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
            LockSupport.parkNanos(due - now);
        }
        return due;
    }

    /** The {@code p}-th percentile of sorted latencies, in ms. */
    static double percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }
}
