package io.nuage.reconciler;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with "equal jitter", capped: spreads retries of many failing items. */
public record Backoff(Duration base, Duration cap) {

    public long delayMillis(int attempts) {
        double exp = base.toMillis() * Math.pow(2, Math.min(attempts, 30));
        long capped = (long) Math.min(cap.toMillis(), exp);
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }
}
