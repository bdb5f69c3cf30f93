package io.nuage.reconciler;

/**
 * What a reconcile pass concluded: converged, look again after a delay (not a failure), or failed with
 * {@code failure}, to be retried with backoff.
 */
public record Outcome(long requeueAfterMillis, RuntimeException failure) {

    public static final Outcome DONE = new Outcome(-1, null);

    public static Outcome requeueAfter(long millis) {
        return new Outcome(millis, null);
    }

    public static Outcome failed(RuntimeException failure) {
        return new Outcome(-1, failure);
    }

    public boolean done() {
        return requeueAfterMillis < 0 && failure == null;
    }
}
