package io.nuage.reconciler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.nuage.kubevirt.Labels;
import io.nuage.work.WorkKind;

/**
 * Watches the objects this installation owns (labels app.kubernetes.io/managed-by=nuage and nuage.io/installation=<its
 * id>) and keeps them in memory: another installation's objects on the same cluster are never seen, so never reconciled
 * nor collected. A reconcile pass reads the cluster here without a request: an idle resync costs no API reads, and a
 * created instance costs its creates and nothing more. Each {@link KindReconciler} declares the types it owns; every
 * event only enqueues the owning resource under its kind; passes read and write, never the watch.
 */
@Singleton
public class ClusterCache {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ClusterCache.class);

    private final Cluster cluster;
    private final Installation installation;
    private final ClusterNamespaces namespaces;
    private final Map<String, Expectation> expected = new ConcurrentHashMap<>();
    /** Our creates awaiting their answer, by key: the watch often delivers their object first. */
    private final Set<String> creating = ConcurrentHashMap.newKeySet();
    /** Built once by {@link #start}, then only read. */
    private volatile Map<Class<?>, TypeWatch> informers = Map.of();
    /**
     * Starts and stops the informers of per-namespace types as tenant namespaces come and go: the namespace watch calls
     * on the thread that decoded its event, where no Fabric8 call may be made (it may be a Vert.x event loop).
     */
    private final ExecutorService namespaceWork = Executors.newSingleThreadExecutor(
            Threads.named("nuage-namespace-watches"));

    ClusterCache(Cluster cluster, Installation installation, ClusterNamespaces namespaces) {
        this.cluster = cluster;
        this.installation = installation;
        this.namespaces = namespaces;
    }

    /**
     * Starts the watches of every kind, all at once (each first lists its objects: started one
     * after the other they made start-up slower by every API type added); each event calls
     * {@code onEvent} with the kind and the resource id. A type watched per namespace gets an informer in each of
     * this installation's namespaces, as the namespace watch shows them.
     */
    synchronized void start(List<KindReconciler> kinds, BiConsumer<WorkKind, UUID> onEvent) {
        if (!informers.isEmpty()) {
            return;
        }
        var client = cluster.client();
        Map<Class<?>, TypeWatch> starting = new LinkedHashMap<>();
        Map<Class<?>, CompletableFuture<Void>> synced = new LinkedHashMap<>();
        for (KindReconciler k : kinds) {
            for (KindReconciler.Watched w : k.watches()) {
                TypeWatch.requireOnce(starting.get(w.type()), w);
                // Fabric8 decodes a watch event's object by its apiVersion and kind, and knows only its built-in
                // types: our KubeVirt kinds came as generic objects, which the informer then converted to the typed
                // class through a second Jackson pass, on every event.
                client.getKubernetesSerialization().registerKubernetesResource(w.type());
                Map<String, String> selector = installation.selector();
                selector.putAll(w.labels());
                TypeWatch watch = new TypeWatch(k.kind(), w, namespace -> {
                    var resources = client.resources(w.type());
                    SharedIndexInformer<? extends HasMetadata> informer = (namespace == null ? resources.inAnyNamespace()
                            : resources.inNamespace(namespace)).withLabels(selector).runnableInformer(0);
                    informer.addEventHandler(handler(k.kind(), onEvent));
                    return informer;
                });
                starting.put(w.type(), watch);
                if (!w.perNamespace()) {
                    synced.put(w.type(), watch.startAll());
                }
            }
        }
        Map<Class<?>, TypeWatch> started = new LinkedHashMap<>();
        starting.forEach((type, watch) -> {
            try {
                synced.getOrDefault(type, CompletableFuture.completedFuture(null)).get(60, TimeUnit.SECONDS);
                started.put(type, watch);
            } catch (Exception e) {
                // A cluster without this API (CDI, snapshots, Multus not installed) or without the
                // right to watch it: the other kinds still work; passes needing it fail and say so.
                watch.stop();
                Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
                LOG.errorf("Cannot watch %s (%s): %s passes that need it will fail until Nuage restarts"
                        + " with the API installed and allowed", type.getSimpleName(), cause.getMessage(), watch.kind());
            }
        });
        informers = started;
        namespaces.listen(ns -> namespaceWork.execute(() -> namespaceSeen(ns)),
                name -> namespaceWork.execute(() -> perNamespace().forEach(w -> w.unwatch(name))));
    }

    /** A namespace of this installation's is watched for the per-namespace types; any other is not (or no longer). */
    private void namespaceSeen(Namespace ns) {
        boolean ours = installation.owns(ns);
        perNamespace().forEach(w -> w.watch(ns.getMetadata().getName(), ours));
    }

    private List<TypeWatch> perNamespace() {
        return informers.values().stream().filter(TypeWatch::perNamespace).toList();
    }

    /**
     * The object as this replica knows it: what the informer shows, or what our own last
     * write returned while the informer has not caught up with it. Null when absent.
     */
    public <T extends HasMetadata> T get(Class<T> type, String namespace, String name) {
        String key = namespace + "/" + name;
        // An informer keys a cluster-scoped object by its name alone.
        T informed = type.cast(stored(type, namespace, namespace == null ? name : key, namespace != null && readable(namespace)));
        String expectationKey = type.getName() + ":" + key;
        Expectation e = expected.get(expectationKey);
        if (e == null) {
            return informed;
        }
        if (Objects.equals(e.supersedes(), version(informed))) {
            return type.cast(e.value()); // the informer has not caught up with our write yet
        }
        expected.remove(expectationKey, e); // the informer moved on: it is the truth again
        return informed;
    }

    /** Every object of the type that the informers hold, in every namespace watched. */
    public <T extends HasMetadata> List<T> all(Class<T> type) {
        return watch(type).list().stream().map(type::cast).toList();
    }

    /** The watches whose objects are deleted when their resource is gone. */
    List<TypeWatch> orphanCollecting() {
        return informers.values().stream().filter(i -> i.watched().orphans() != KindReconciler.Orphans.KEPT).toList();
    }

    /**
     * Whether a pass's read of a per-namespace type in that namespace may start its watch there: the namespace is this
     * installation's, or the namespace watch has not shown it yet (at start, before it listed them). A namespace that
     * is someone else's is never watched; one that does not exist holds nothing.
     */
    private boolean readable(String namespace) {
        Namespace ns = namespaces.get(namespace);
        return ns != null ? installation.owns(ns) : !namespaces.synced();
    }

    /** The object of that key as the type's informer there holds it; null when absent or not watched there. */
    private HasMetadata stored(Class<?> type, String namespace, String key, boolean startAndWait) {
        SharedIndexInformer<? extends HasMetadata> informer = watch(type).informer(namespace, startAndWait);
        return informer == null ? null : informer.getIndexer().getByKey(key);
    }

    /**
     * Records what a write returned, before its watch event arrives, so the next pass does
     * not act on a stale view and write again (the "expectations" of Kubernetes controllers).
     * {@code before} is the object the write replaced (null for a create): the expectation
     * holds only while the informer still shows exactly that, never over anything newer.
     */
    public void wrote(HasMetadata before, HasMetadata after) {
        expect(after, new Expectation(version(before), after));
    }

    /**
     * Marks a create as under way until {@link #createEnded}: the object the watch adds meanwhile under that name is
     * its echo. Were it someone else's, our create fails with a conflict, and a failed pass runs again.
     */
    void creating(HasMetadata desired) {
        creating.add(key(desired));
    }

    void createEnded(HasMetadata desired) {
        creating.remove(key(desired));
    }

    /** Records a delete: the object reads as absent while the informer still shows it. */
    public void deleted(HasMetadata o) {
        expect(o, new Expectation(version(o), null));
    }

    private void expect(HasMetadata o, Expectation e) {
        String key = key(o);
        expected.put(key, e);
        // The watch may have delivered the write before it was recorded: then nothing will end
        // the expectation, so end it now (the informer updates its store before it notifies).
        String namespace = o.getMetadata().getNamespace();
        HasMetadata informed = stored(o.getClass(), namespace, namespace + "/" + o.getMetadata().getName(), false);
        if (!Objects.equals(e.supersedes(), version(informed))) {
            expected.remove(key, e);
        }
    }

    /**
     * The watch delivered {@code o}: any expectation on it is met or overtaken, so it ends now.
     * Left to {@link #get} alone, a create's expectation ("absent until the informer shows it")
     * outlived the informer's add when no pass read the object in between, and a later delete
     * by hand then read as our create: the object was never restored.
     *
     * <p>True when the event is the echo of this replica's own write or delete: the pass that made
     * it already saw the object so, and another pass would only find the same. The add of an object
     * we are creating is its echo too, though it arrives before the create's answer. An update or
     * delete that arrives before its write's answer is not recognised, and is enqueued.
     */
    private boolean observed(HasMetadata o, boolean added, boolean deleted) {
        boolean[] echo = { added && creating.contains(key(o)) };
        expected.computeIfPresent(key(o), (k, e) -> {
            echo[0] |= e.value() == null ? deleted : !deleted && Objects.equals(version(e.value()), version(o));
            return deleted || !Objects.equals(e.supersedes(), version(o)) ? null : e;
        });
        return echo[0];
    }

    private record Expectation(String supersedes, HasMetadata value) {
    }

    private TypeWatch watch(Class<?> type) {
        TypeWatch w = informers.get(type);
        if (w == null) {
            throw new IllegalStateException("No watch on " + type.getSimpleName()
                    + ": the reconciler is not started, or the cluster does not serve that API (see the start-up log)");
        }
        return w;
    }

    private static String version(HasMetadata o) {
        return o == null ? null : o.getMetadata().getResourceVersion();
    }

    /**
     * Informers that are not watching: reported, and restarted when they stopped for good,
     * so a watch that died can never silently freeze the cache.
     */
    synchronized List<String> checkWatches() {
        List<String> problems = new ArrayList<>();
        informers.values().forEach(w -> problems.addAll(w.check()));
        return problems;
    }

    @PreDestroy
    synchronized void stop() {
        namespaceWork.shutdownNow();
        informers.values().forEach(TypeWatch::stop);
    }

    static UUID resourceId(HasMetadata o) {
        String id = o.getMetadata().getLabels() == null ? null : o.getMetadata().getLabels().get(Labels.RESOURCE_ID);
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null; // someone else's label value: not ours to reconcile
        }
    }

    private static String key(HasMetadata o) {
        return o.getClass().getName() + ":" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
    }

    private <T extends HasMetadata> ResourceEventHandler<T> handler(WorkKind kind, BiConsumer<WorkKind, UUID> onEvent) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T o) {
                notify(o, true, false);
            }

            @Override
            public void onUpdate(T old, T o) {
                notify(o, false, false);
            }

            @Override
            public void onDelete(T o, boolean finalStateUnknown) {
                notify(o, false, true);
            }

            private void notify(T o, boolean added, boolean deleted) {
                boolean echo = observed(o, added, deleted);
                UUID id = resourceId(o);
                if (id != null && !echo) {
                    onEvent.accept(KindReconciler.ownerKind(o, kind), id);
                }
            }
        };
    }
}
