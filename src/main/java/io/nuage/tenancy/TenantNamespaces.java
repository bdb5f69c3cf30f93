package io.nuage.tenancy;

import java.util.Optional;

/**
 * Whether the namespace a new tenant would get in the cluster is free. A tenant only ever gets a namespace Nuage
 * made for it; one that exists and is not this installation's is never adopted. Answered from what the reconciler
 * watches, never by a request to Kubernetes: the API does not call the cluster.
 */
public interface TenantNamespaces {

    /**
     * The namespace a tenant named {@code tenant} would get, when it exists in the cluster and is not this
     * installation's; empty when it is free as far as the watch shows (absent, ours, or the watch not yet synced:
     * the reconciler still never adopts a namespace that is not ours).
     */
    Optional<String> takenFor(String tenant);
}
