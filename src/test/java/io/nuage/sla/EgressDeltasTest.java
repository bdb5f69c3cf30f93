package io.nuage.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class EgressDeltasTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private static long delta(long last, long sample, long secondsLater) {
        return EgressDeltas.delta(new EgressDeltas.Last(BigDecimal.valueOf(last), T0), BigDecimal.valueOf(sample), T0.plusSeconds(secondsLater));
    }

    @Test
    void aGrowingCounterCountsWhatItGrewBy() {
        assertEquals(500, delta(1_000, 1_500, 300));
        assertEquals(0, delta(1_000, 1_000, 300));
    }

    @Test
    void aCounterNeverSeenCountsFromZero() {
        assertEquals(1_234, EgressDeltas.delta(EgressDeltas.Last.NONE, BigDecimal.valueOf(1_234), T0));
    }

    @Test
    void aLowerSampleIsARestartedCounterCountedFromZero() {
        assertEquals(200, delta(1_000_000, 200, 300));
        assertEquals(0, delta(1_000_000, 0, 300));
    }

    @Test
    void aSampleNoNewerThanTheLastIsIgnored() {
        assertEquals(-1, delta(1_000, 2_000, 0));
        assertEquals(-1, delta(1_000, 2_000, -60));
    }

    @Test
    void aGapIsCoveredByTheNextSample() {
        // Prometheus away for an hour: the sample after it counts everything sent meanwhile.
        assertEquals(3_600L * 65_536, delta(0, 3_600L * 65_536, 3_600));
    }

    @Test
    void countersBeyondALongAreExactUpToTheirDelta() {
        assertEquals(10, EgressDeltas.delta(new EgressDeltas.Last(new BigDecimal("1.5e+15"), T0), new BigDecimal("1500000000000010"),
                T0.plusSeconds(1)));
    }
}
