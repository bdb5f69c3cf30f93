package io.nuage.reconciler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import java.util.function.BiConsumer;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.nuage.kubevirt.Labels;
import io.nuage.work.WorkKind;

/**
 * Watches the objects this installation owns (labels app.kubernetes.io/managed-by=nuage and
 * nuage.io/installation=<its id>) and keeps them in memory: another installation's objects on the
 * same cluster are never seen, so never reconciled nor collected. A reconcile pass reads the
 * cluster here without a request: an idle resync costs no API reads, and a created instance costs
 * its creates and nothing more. Each
 * {@link KindReconciler} declares the types it owns; every event only enqueues the owning
 * resource under that kind; passes read and write, never the watch.
 */
@Singleton
public class ClusterCache {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ClusterCache.class);

    private final Cluster cluster;
    private final Installation installation;
    private final Map<String, Expectation> expected = new ConcurrentHashMap<>();
    /** Our creates awaiting their answer, by key: the watch often delivers their object first. */
    private final Set<String> creating = ConcurrentHashMap.newKeySet();
    /** Built once by {@link #start}, then only read. */
    private volatile Map<Class<?>, Informed> informers = Map.of();

    /** One informer, and the kind whose resources own the objects it sees. */
    record Informed(WorkKind kind, KindReconciler.Watched watched, SharedIndexInformer<? extends HasMetadata> informer) {
    }

    ClusterCache(Cluster cluster, Installation installation) {
        this.cluster = cluster;
        this.installation = installation;
    }

    /**
     * Starts the watches of every kind, all at once (each first lists its objects: started one
     * after the other they made start-up slower by every API type added); each event calls
     * {@code onEvent} with the kind and the resource id.
     */
    synchronized void start(List<KindReconciler> kinds, BiConsumer<WorkKind, UUID> onEvent) {
        if (!informers.isEmpty()) {
            return;
        }
        var client = cluster.client();
        Map<Class<?>, Informed> starting = new LinkedHashMap<>();
        Map<Class<?>, java.util.concurrent.CompletableFuture<Void>> synced = new LinkedHashMap<>();
        for (KindReconciler k : kinds) {
            for (KindReconciler.Watched w : k.watches()) {
                // Fabric8 decodes a watch event's object by its apiVersion and kind, and knows only its built-in
                // types: our KubeVirt kinds came as generic objects, which the informer then converted to the typed
                // class through a second Jackson pass, on every event.
                client.getKubernetesSerialization().registerKubernetesResource(w.type());
                Map<String, String> selector = installation.selector();
                selector.putAll(w.labels());
                SharedIndexInformer<? extends HasMetadata> informer = client.resources(w.type()).inAnyNamespace()
                        .withLabels(selector).runnableInformer(0);
                informer.addEventHandler(handler(k.kind(), onEvent));
                starting.put(w.type(), new Informed(k.kind(), w, informer));
                synced.put(w.type(), informer.start().toCompletableFuture());
            }
        }
        Map<Class<?>, Informed> started = new LinkedHashMap<>();
        starting.forEach((type, informed) -> {
            try {
                synced.get(type).get(60, java.util.concurrent.TimeUnit.SECONDS);
                started.put(type, informed);
            } catch (Exception e) {
                // A cluster without this API (CDI, snapshots, Multus not installed) or without the
                // right to watch it: the other kinds still work; passes needing it fail and say so.
                informed.informer().stop();
                Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
                LOG.errorf("Cannot watch %s (%s): %s passes that need it will fail until Nuage restarts"
                        + " with the API installed and allowed", type.getSimpleName(), cause.getMessage(), informed.kind());
            }
        });
        informers = started;
    }

    /**
     * The object as this replica knows it: what the informer shows, or what our own last
     * write returned while the informer has not caught up with it. Null when absent.
     */
    public <T extends HasMetadata> T get(Class<T> type, String namespace, String name) {
        SharedIndexInformer<T> informer = informer(type);
        String key = namespace + "/" + name;
        T informed = informer.getIndexer().getByKey(key);
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

    /** Every object of the type that the informer holds. */
    public <T extends HasMetadata> List<T> all(Class<T> type) {
        return informer(type).getIndexer().list();
    }

    /** The informers whose objects are deleted when their resource is gone. */
    List<Informed> orphanCollecting() {
        return informers.values().stream().filter(i -> i.watched().orphans() != KindReconciler.Orphans.KEPT).toList();
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
        HasMetadata informed = informer(o.getClass()).getIndexer().getByKey(o.getMetadata().getNamespace() + "/" + o.getMetadata().getName());
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

    @SuppressWarnings("unchecked")
    private <T extends HasMetadata> SharedIndexInformer<T> informer(Class<T> type) {
        Informed i = informers.get(type);
        if (i == null) {
            throw new IllegalStateException("No watch on " + type.getSimpleName()
                    + ": the reconciler is not started, or the cluster does not serve that API (see the start-up log)");
        }
        return (SharedIndexInformer<T>) i.informer();
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
        for (Informed i : informers.values()) {
            SharedIndexInformer<?> informer = i.informer();
            if (informer.isWatching()) {
                continue;
            }
            String name = i.watched().type().getSimpleName();
            problems.add(name + (informer.isRunning() ? " (reconnecting)" : " (stopped: restarting)"));
            if (!informer.isRunning()) {
                informer.run();
            }
        }
        return problems;
    }

    @PreDestroy
    synchronized void stop() {
        informers.values().forEach(i -> i.informer().stop());
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
                    onEvent.accept(kind, id);
                }
            }
        };
    }
}
