package io.nuage.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.nuage.sla.Observation.Sizes;

/** The queue's bound: at it, the newest observation is refused and counted; what is queued keeps its order and times. */
class ObservationQueueTest {

    private static final Instant T = Instant.parse("2026-09-20T10:00:00Z");

    @Test
    void atTheBoundTheNewestIsRefusedAndCountedAndTheQueuedKeepTheirTimes() throws InterruptedException {
        AtomicInteger dropped = new AtomicInteger();
        ObservationQueue queue = new ObservationQueue(2, dropped::incrementAndGet);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Observation aDown = obs(a, T, Category.DOWN);
        Observation bDown = obs(b, T.plusSeconds(1), Category.DOWN);
        Observation aUp = obs(a, T.plusSeconds(2), Category.UP);
        queue.offer(aDown, new Recorded(Category.UP, Sizes.NONE));
        queue.offer(bDown, new Recorded(Category.UP, Sizes.NONE));
        queue.offer(aUp, null);

        assertEquals(1, dropped.get());
        assertEquals(List.of(aDown, bDown), queue.nextBatch(10, Duration.ZERO), "the first observations, with their times");
        queue.written(List.of(aDown, bDown));
        assertFalse(queue.pending(a), "the refused one is not taken as what the ledger will have");

        queue.offer(obs(a, T.plusSeconds(5), Category.UP), new Recorded(Category.DOWN, Sizes.NONE));
        assertTrue(queue.pending(a), "the next pass offers it again, once there is room");
    }

    private static Observation obs(UUID id, Instant at, Category c) {
        return new Observation(id, UUID.randomUUID(), Observation.Kind.INSTANCE, "vm", "fr-par", null, at, c, c.wire(), false, Sizes.NONE);
    }
}
