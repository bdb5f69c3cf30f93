package io.nuage.reconciler;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** How a pass's outcome ends its work item: dropped when done, due again after its delay, or retried with backoff. */
final class Retries {

    private static final Logger LOG = Logger.getLogger(ReconcileLoop.class);

    private final Backoff backoff;

    Retries(Backoff backoff) {
        this.backoff = backoff;
    }

    WorkQueue.Completion completion(WorkQueue.Item item, Outcome outcome) {
        if (outcome == null || outcome.failure() != null) {
            RuntimeException failure = outcome == null ? new IllegalStateException("no outcome") : outcome.failure();
            long delay = backoff.delayMillis(item.attempts());
            log(item, failure, delay);
            return new WorkQueue.Completion(item, false, delay, true);
        }
        return new WorkQueue.Completion(item, outcome.done(), Math.max(0, outcome.requeueAfterMillis()), false);
    }

    /** A Kubernetes error is already in the resource's status: debug. Anything else is a bug to see. */
    private static void log(WorkQueue.Item item, RuntimeException e, long delay) {
        if (e instanceof KubernetesClientException k) {
            LOG.debugf("%s %s: Kubernetes error %d (%s), retry in %d ms", item.kind(), item.resourceId(), k.getCode(),
                    k.getMessage(), delay);
        } else {
            LOG.warnf(e, "%s %s: pass failed, retry in %d ms", item.kind(), item.resourceId(), delay);
        }
    }
}
