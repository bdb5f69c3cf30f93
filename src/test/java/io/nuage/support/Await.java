package io.nuage.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes: tests never sleep a fixed time. */
public final class Await {

    private Await() {
    }

    public static void until(Duration timeout, String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.get())) {
                    return;
                }
                last = null;
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "\n" + nuageThreads(), last);
    }

    /** What Nuage's own threads were doing when a wait timed out: the first thing to look at. */
    private static String nuageThreads() {
        StringBuilder sb = new StringBuilder("Nuage threads at the timeout:\n");
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.getName().startsWith("nuage-")) {
                sb.append(t.getName()).append(' ').append(t.getState()).append('\n');
                for (int i = 0; i < Math.min(stack.length, 12); i++) {
                    sb.append("    at ").append(stack[i]).append('\n');
                }
            }
        });
        return sb.toString();
    }
}
