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

    /**
     * What a load measured, in ns: each request's latency from when it was due and from when it was sent (the server's
     * answer time alone, as a closed loop would report it), both sorted; and the most the load fell behind its
     * schedule, with when (from its start): a large lag early is a slow start, later a stall.
     */
    record Latencies(List<Long> fromDue, List<Long> fromSend, long maxLag, long maxLagAt) {

        /** The figures as one line: latencies from due, then from the send, then the lag. */
        String describe() {
            return "latency from due p50 %.1f ms, p99 %.1f ms, max %.1f ms; from the send p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                    .formatted(percentile(fromDue, 50), percentile(fromDue, 99), fromDue.get(fromDue.size() - 1) / 1e6,
                            percentile(fromSend, 50), percentile(fromSend, 99), fromSend.get(fromSend.size() - 1) / 1e6)
                    + " behind schedule by %.1f s at most, %.1f s after the start".formatted(maxLag / 1e9, maxLagAt / 1e9);
        }
    }

    /** Sends requests 0 to {@code count} - 1 from {@code clients} threads at {@code rate}/s. */
    static Latencies run(int count, double rate, int clients, Request request) throws Exception {
        List<Long> fromDue = Collections.synchronizedList(new ArrayList<>(count));
        List<Long> fromSend = Collections.synchronizedList(new ArrayList<>(count));
        long[] lag = new long[2];
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long due = awaitDue(start, i, rate);
                        long sent = System.nanoTime();
                        request.send(i);
                        long answered = System.nanoTime();
                        fromDue.add(answered - due);
                        fromSend.add(answered - sent);
                        synchronized (lag) {
                            if (sent - due > lag[0]) {
                                lag[0] = sent - due;
                                lag[1] = sent - start;
                            }
                        }
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
        return new Latencies(sorted(fromDue), sorted(fromSend), lag[0], lag[1]);
    }

    private static List<Long> sorted(List<Long> latencies) {
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
