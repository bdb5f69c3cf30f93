package io.nuage.reconciler;

import java.util.function.BiPredicate;

import jakarta.inject.Singleton;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Every write a reconcile pass makes, recorded in the {@link ClusterCache} so that the pass's
 * next read sees it even before its watch event arrives, and nothing is written twice. The one
 * place that marks what is written as this installation's ({@link Installation#stamp}), and that
 * refuses to write into a namespace, or delete an object, that is not.
 */
@Singleton
public class ClusterWrites {

    private final Cluster cluster;
    private final ClusterCache cache;
    private final Installation installation;
    private final ClusterNamespaces namespaces;

    ClusterWrites(Cluster cluster, ClusterCache cache, Installation installation, ClusterNamespaces namespaces) {
        this.cluster = cluster;
        this.cache = cache;
        this.installation = installation;
        this.namespaces = namespaces;
    }

    /**
     * Makes the cluster hold {@code desired}: creates it when absent, replaces what is there when
     * {@code matches(desired, actual)} says it differs (drift repaired), else writes nothing.
     * Returns the object the cluster now holds: the one that matched, or what the write returned.
     * {@code desired} gets our installation label first, so that it matches a copy we wrote.
     */
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> T converge(T desired, BiPredicate<T, T> matches) {
        installation.stamp(desired);
        T actual = cache.get((Class<T>) desired.getClass(), desired.getMetadata().getNamespace(), desired.getMetadata().getName());
        if (actual == null) {
            return create(desired);
        }
        return matches.test(desired, actual) ? actual : replace(actual, desired);
    }

    public <T extends HasMetadata> T create(T desired) {
        requireOurNamespace(desired);
        installation.stamp(desired);
        cache.creating(desired);
        try {
            T created = cluster.client().resource(desired).create();
            cache.wrote(null, created);
            return created;
        } finally {
            cache.createEnded(desired);
        }
    }

    /** Replaces {@code actual} with {@code next}, guarded by the resourceVersion read: a 409 if someone wrote in between. */
    public <T extends HasMetadata> T replace(HasMetadata actual, T next) {
        requireOurNamespace(next);
        installation.stamp(next);
        next.getMetadata().setResourceVersion(actual.getMetadata().getResourceVersion());
        T replaced = cluster.client().resource(next).update();
        cache.wrote(actual, replaced);
        return replaced;
    }

    /** Deletes an object of this installation's; any other is refused, whoever asks. */
    public void delete(HasMetadata actual) {
        if (!installation.owns(actual)) {
            throw new IllegalStateException(actual.getKind() + " " + actual.getMetadata().getNamespace() + "/"
                    + actual.getMetadata().getName() + " is not this installation's: Nuage does not delete it");
        }
        cluster.client().resource(actual).delete();
        cache.deleted(actual);
    }

    /** Deletes the object of that type and name, if there is one. */
    public <T extends HasMetadata> void delete(Class<T> type, String namespace, String name) {
        T actual = cache.get(type, namespace, name);
        if (actual != null) {
            delete(actual);
        }
    }

    private void requireOurNamespace(HasMetadata o) {
        String namespace = o.getMetadata().getNamespace();
        if (namespace != null && !namespaces.writable(namespace)) {
            throw new NamespaceNotOurs(namespace);
        }
    }
}
