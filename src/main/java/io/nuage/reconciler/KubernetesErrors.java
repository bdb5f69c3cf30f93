package io.nuage.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nuage.status.Condition;
import io.nuage.status.ConditionStatus;

/** How a failed Kubernetes request shows in a resource's conditions. */
final class KubernetesErrors {

    private KubernetesErrors() {
    }

    /**
     * A write refused because someone wrote first (stale resourceVersion): read again and redo
     * the pass. Not "AlreadyExists": an object of that name we do not see (not ours) will not go
     * away by retrying, so that one is reported like any other error.
     */
    static boolean isWriteConflict(KubernetesClientException e) {
        return e.getCode() == 409 && !(e.getStatus() != null && "AlreadyExists".equals(e.getStatus().getReason()));
    }

    /** Condition {@code Synced=False} with the API server's reason and message, never a stack trace. */
    static Condition syncFailed(KubernetesClientException e) {
        if (e instanceof NamespaceNotOurs) {
            return new Condition("Synced", ConditionStatus.FALSE, "NamespaceNotOurs", e.getMessage(), null);
        }
        String reason = e.getStatus() != null && e.getStatus().getReason() != null ? e.getStatus().getReason() : "KubernetesError";
        return new Condition("Synced", ConditionStatus.FALSE, reason, "Kubernetes API error " + e.getCode() + ": "
                + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : "request failed"), null);
    }
}
