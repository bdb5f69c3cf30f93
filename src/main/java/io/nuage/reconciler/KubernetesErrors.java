package io.nuage.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nuage.compute.Condition;

/** How a failed Kubernetes request shows in a resource's conditions. */
final class KubernetesErrors {

    private KubernetesErrors() {
    }

    /** Condition {@code Synced=False} with the API server's reason and message, never a stack trace. */
    static Condition syncFailed(KubernetesClientException e) {
        String reason = e.getStatus() != null && e.getStatus().getReason() != null ? e.getStatus().getReason() : "KubernetesError";
        return new Condition("Synced", "False", reason, "Kubernetes API error " + e.getCode() + ": "
                + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : "request failed"), null);
    }
}
