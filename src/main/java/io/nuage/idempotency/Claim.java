package io.nuage.idempotency;

import java.time.Instant;

/** What claiming a key found. */
public sealed interface Claim {

    /** The key is this request's: run it, then {@link IdempotencyKeys#complete} or {@link IdempotencyKeys#release} it. */
    record Claimed(String scope, String key, Instant claimedAt) implements Claim {
    }

    /** The same request was answered already: this is its answer. */
    record Replay(Answer answer) implements Claim {
    }

    /** The same key is held by a request still running. */
    record InProgress() implements Claim {
    }

    /** The key was used for a different request (method, path, body or token). */
    record Reused() implements Claim {
    }
}
