package io.nuage.reconciler;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The reconciler's own threads: named, so a thread dump and the benchmark's CPU figures say whose they are. */
final class Threads {

    private Threads() {
    }

    /** Daemon threads named {@code prefix-1}, {@code prefix-2}... */
    static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Sleeps, keeping an interrupt for the caller's loop to see. */
    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
