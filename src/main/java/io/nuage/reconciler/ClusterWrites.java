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
     */
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> void converge(T desired, BiPredicate<T, T> matches) {
        T actual = cache.get((Class<T>) desired.getClass(), desired.getMetadata().getNamespace(), desired.getMetadata().getName());
        if (actual == null) {
            create(desired);
        } else if (!matches.test(desired, actual)) {
            replace(actual, desired);
        }
    }

    public void create(HasMetadata desired) {
        cache.creating(desired);
        try {
            cache.wrote(null, cluster.client().resource(desired).create());
        } finally {
            cache.createEnded(desired);
        }
    }

    /** Replaces {@code actual} with {@code next}, guarded by the resourceVersion read: a 409 if someone wrote in between. */
    public void replace(HasMetadata actual, HasMetadata next) {
        next.getMetadata().setResourceVersion(actual.getMetadata().getResourceVersion());
        cache.wrote(actual, cluster.client().resource(next).update());
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
