package io.nuage.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * A write refused before it was sent: its namespace exists and is not this installation's (made by hand, or by another
 * installation). A Kubernetes failure in kind, so that a pass reports it in its resource's status and retries with
 * backoff; it lasts until the namespace is deleted or the tenant is.
 */
final class NamespaceNotOurs extends KubernetesClientException {

    NamespaceNotOurs(String namespace) {
        super("Namespace '" + namespace + "' exists in the cluster but was not made by this Nuage installation: nothing is"
                + " written into it");
    }
}
