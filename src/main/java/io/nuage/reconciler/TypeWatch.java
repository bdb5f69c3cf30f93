package io.nuage.reconciler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.nuage.work.WorkKind;

/**
 * The informers of one watched type, for the kind whose resources own its objects: one in all namespaces, or, for a
 * type Nuage may only read inside the tenant namespaces (Secrets, PVCs: see deploy/kubernetes.yaml), one per tenant
 * namespace, started as the namespace appears and stopped when it goes. Either way the type reads as one store.
 */
final class TypeWatch {

    /** How long a pass waits for a namespace's informer to list its objects before it fails (and is retried). */
    private static final long SYNC_SECONDS = 10;

    private record Started(SharedIndexInformer<? extends HasMetadata> informer, CompletableFuture<Void> synced) {
    }

    private final WorkKind kind;
    private final KindReconciler.Watched watched;
    /** Makes a new informer, not started, in the namespace given, or in all namespaces for null. */
    private final Function<String, SharedIndexInformer<? extends HasMetadata>> make;
    /** The one informer of a cluster-wide type, under the key "" ; or one per namespace. */
    private final Map<String, Started> informers = new ConcurrentHashMap<>();

    TypeWatch(WorkKind kind, KindReconciler.Watched watched, Function<String, SharedIndexInformer<? extends HasMetadata>> make) {
        this.kind = kind;
        this.watched = watched;
        this.make = make;
    }

    /**
     * A type has one informer, declared by one kind: the kind whose objects carry no {@code nuage.io/kind} label. Another
     * kind's objects of that type reach it by their label ({@link KindReconciler#ownerKind}); declaring it twice stops the
     * start rather than let the order of the kinds decide which one gets the unlabelled objects.
     */
    static void requireOnce(TypeWatch first, KindReconciler.Watched w) {
        if (first != null) {
            throw new IllegalStateException(w.type().getSimpleName() + " is watched for the kinds " + first.kind()
                    + " and another: declare it once, the other kind's objects carry its nuage.io/kind label");
        }
    }

    WorkKind kind() {
        return kind;
    }

    KindReconciler.Watched watched() {
        return watched;
    }

    boolean perNamespace() {
        return watched.perNamespace();
    }

    /** Starts the cluster-wide informer; the future completes once it has listed the objects. */
    CompletableFuture<Void> startAll() {
        return informers.computeIfAbsent("", n -> start(null)).synced();
    }

    /** Starts watching the namespace unless it is watched already, or with {@code ours} false stops; returns at once. */
    void watch(String namespace, boolean ours) {
        if (ours) {
            informers.computeIfAbsent(namespace, this::start);
        } else {
            unwatch(namespace);
        }
    }

    /** Stops watching the namespace: its objects leave the store. */
    void unwatch(String namespace) {
        Started s = informers.remove(namespace);
        if (s != null) {
            s.informer().stop();
        }
    }

    /**
     * The informer that holds the type's objects in that namespace, or null when it is not watched. With
     * {@code startAndWait}, a namespace not watched yet is watched first, and its objects listed before this returns:
     * a pass never reads an empty store where the cluster holds objects.
     */
    SharedIndexInformer<? extends HasMetadata> informer(String namespace, boolean startAndWait) {
        if (!perNamespace()) {
            Started s = informers.get("");
            return s == null ? null : s.informer();
        }
        Started s = startAndWait ? informers.computeIfAbsent(namespace, this::start) : informers.get(namespace);
        if (s != null && startAndWait && !s.synced().isDone()) {
            try {
                s.synced().get(SYNC_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for the watch of " + name(namespace), e);
            } catch (Exception e) {
                throw new IllegalStateException("The watch of " + name(namespace) + " has not listed its objects yet"
                        + " (is Nuage's RoleBinding there?): " + e.getMessage(), e);
            }
        }
        return s == null ? null : s.informer();
    }

    /** Every object of the type, in every namespace watched. */
    List<HasMetadata> list() {
        List<HasMetadata> all = new ArrayList<>();
        informers.values().forEach(s -> all.addAll(s.informer().getIndexer().list()));
        return all;
    }

    /** The informers that are not watching, by name; one that stopped for good is started again. */
    List<String> check() {
        List<String> problems = new ArrayList<>();
        informers.forEach((namespace, s) -> {
            SharedIndexInformer<? extends HasMetadata> informer = s.informer();
            if (informer.isWatching()) {
                return;
            }
            problems.add(name(namespace) + (informer.isRunning() ? " (reconnecting)" : " (stopped: restarting)"));
            if (!informer.isRunning()) {
                informer.run();
            }
        });
        return problems;
    }

    void stop() {
        informers.values().forEach(s -> s.informer().stop());
        informers.clear();
    }

    private Started start(String namespace) {
        SharedIndexInformer<? extends HasMetadata> informer = make.apply(namespace == null || namespace.isEmpty() ? null : namespace);
        if (namespace != null) {
            // A new tenant namespace is seen before its RoleBinding is made: the first list may be refused. By default
            // an informer whose first list fails stops for good; this one keeps trying (with Fabric8's backoff).
            informer.exceptionHandler((started, e) -> true);
        }
        return new Started(informer, informer.start().toCompletableFuture());
    }

    private String name(String namespace) {
        String type = watched.type().getSimpleName();
        return namespace == null || namespace.isEmpty() ? type : type + " in " + namespace;
    }
}
