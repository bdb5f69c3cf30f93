package io.nuage.reconciler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60));

    @Test
    void growsExponentiallyWithJitterWithinBounds() {
        for (int attempts = 0; attempts < 8; attempts++) {
            long ceiling = Math.min(60_000, 500L << attempts);
            for (int i = 0; i < 200; i++) {
                long d = backoff.delayMillis(attempts);
                assertTrue(d >= ceiling / 2 && d <= ceiling, "attempt " + attempts + ": " + d);
            }
        }
    }

    @Test
    void isCapped() {
        for (int i = 0; i < 200; i++) {
            assertTrue(backoff.delayMillis(1000) <= 60_000);
            assertTrue(backoff.delayMillis(1000) >= 30_000);
        }
    }
}
