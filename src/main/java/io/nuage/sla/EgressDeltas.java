package io.nuage.sla;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Turns successive samples of a byte counter into the bytes sent between them. A counter only grows while its VMI
 * lives and starts again from 0 with a new VMI (a restart): a sample lower than the last one is such a restart, and
 * all of its value was sent since. Bytes sent between the last sample and a restart are not seen by anyone.
 */
final class EgressDeltas {

    private EgressDeltas() {
    }

    /** The last sample counted of one counter; a counter never seen is at 0 since the beginning of time. */
    record Last(BigDecimal bytes, Instant at) {
        static final Last NONE = new Last(BigDecimal.ZERO, Instant.MIN);
    }

    /**
     * The bytes {@code sample} adds to {@code last}, or -1 when it is no newer (another replica, or an earlier round,
     * counted it already) and must be ignored.
     */
    static long delta(Last last, BigDecimal sample, Instant at) {
        if (!at.isAfter(last.at()) || sample.signum() < 0) {
            return -1;
        }
        BigDecimal grown = sample.compareTo(last.bytes()) >= 0 ? sample.subtract(last.bytes()) : sample;
        return grown.longValue();
    }
}
