package io.nuage.reconciler;

import java.util.Map;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * One Kubernetes object a kind owns, built from the kind's desired model {@code M}: the object as it should
 * be, how to tell the cluster's copy matches it, and what becomes of objects of its type left without a resource. A pass converges each dependent of its kind; deleting a resource deletes them all.
 */
abstract class Dependent<M, T extends HasMetadata> {

    private final Class<T> type;
    private final Map<String, String> selector;
    private final KindReconciler.Orphans orphans;
    private final Function<M, String> namespace;

    /**
     * @param selector labels besides our managed-by label that tell this dependent's objects from others of its type
     * @param orphans what the resync does with objects of this type whose resource is gone
     * @param namespace where the object lives, the resource's tenant's namespace
     */
    Dependent(Class<T> type, Map<String, String> selector, KindReconciler.Orphans orphans, Function<M, String> namespace) {
        this.type = type;
        this.selector = selector;
        this.orphans = orphans;
        this.namespace = namespace;
    }

    /** The object as it should be, or null when it should not exist. */
    abstract T desired(M model);

    /** Its name, whether or not it should exist: for deleting it. */
    abstract String name(M model);

    /** Whether the cluster's object already is what we want; false replaces it. By default an object is never replaced. */
    boolean matches(M model, T want, T have) {
        return true;
    }

    /** Called with the object the cluster holds once it matches: what a dependent may remember. */
    void converged(M model, T actual) {
    }

    Class<T> type() {
        return type;
    }

    KindReconciler.Watched watched() {
        return new KindReconciler.Watched(type, selector, orphans);
    }

    /** Creates, replaces or deletes the object so that the cluster holds what {@link #desired} says. */
    final void converge(ClusterWrites writes, M model) {
        T want = desired(model);
        if (want == null) {
            writes.delete(type, namespace.apply(model), name(model));
            return;
        }
        converged(model, writes.converge(want, (w, h) -> matches(model, w, h)));
    }

    final void delete(ClusterWrites writes, M model) {
        writes.delete(type, namespace.apply(model), name(model));
    }
}
