package io.nuage.reconciler;

import java.util.function.BiPredicate;

import jakarta.inject.Singleton;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Every write a reconcile pass makes, recorded in the {@link ClusterCache} so that the pass's
 * next read sees it even before its watch event arrives, and nothing is written twice.
 */
@Singleton
public class ClusterWrites {

    private final Cluster cluster;
    private final ClusterCache cache;

    ClusterWrites(Cluster cluster, ClusterCache cache) {
        this.cluster = cluster;
        this.cache = cache;
    }

    /**
     * Makes the cluster hold {@code desired}: creates it when absent, replaces what is there when
     * {@code matches(desired, actual)} says it differs (drift repaired), else writes nothing.
     * Returns the object the cluster now holds: the one that matched, or what the write returned.
     */
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> T converge(T desired, BiPredicate<T, T> matches) {
        T actual = cache.get((Class<T>) desired.getClass(), desired.getMetadata().getNamespace(), desired.getMetadata().getName());
        if (actual == null) {
            return create(desired);
        }
        return matches.test(desired, actual) ? actual : replace(actual, desired);
    }

    public <T extends HasMetadata> T create(T desired) {
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
        next.getMetadata().setResourceVersion(actual.getMetadata().getResourceVersion());
        T replaced = cluster.client().resource(next).update();
        cache.wrote(actual, replaced);
        return replaced;
    }

    public void delete(HasMetadata actual) {
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
}
