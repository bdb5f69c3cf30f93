package io.nuage.reconciler;

/** What a reconcile pass concluded: converged, or look again after a delay (not a failure). */
public record Outcome(long requeueAfterMillis) {

    public static final Outcome DONE = new Outcome(-1);

    public static Outcome requeueAfter(long millis) {
        return new Outcome(millis);
    }

    public boolean done() {
        return requeueAfterMillis < 0;
    }
}
