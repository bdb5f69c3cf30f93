package io.nuage.reconciler;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.nuage.kubevirt.TenantObjects;
import io.nuage.tenancy.TenantNamespaces;
import io.quarkus.runtime.StartupEvent;

/**
 * Every namespace of the cluster as a watch shows it, ours or not: a namespace that is not this installation's must be
 * seen to be refused. The API asks here whether a new tenant's namespace is free, without a request to Kubernetes;
 * passes ask before they write into a namespace, and the tenant pass before it makes or deletes one. Started on every
 * replica, API-only ones included, and retried for as long as the cluster cannot be reached, without holding up the
 * start: the API serves without the cluster.
 */
@Singleton
public class ClusterNamespaces implements TenantNamespaces {

    private static final Logger LOG = Logger.getLogger(ClusterNamespaces.class);

    private final Cluster cluster;
    private final Installation installation;
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private volatile SharedIndexInformer<Namespace> informer;
    /** Handlers added by {@link #listen}, kept so that an informer started later gets them too. */
    private final List<ResourceEventHandler<Namespace>> listeners = new ArrayList<>();

    ClusterNamespaces(Cluster cluster, Installation installation) {
        this.cluster = cluster;
        this.installation = installation;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    synchronized void start() {
        if (informer != null) {
            return;
        }
        SharedIndexInformer<Namespace> watching = cluster.client().namespaces().runnableInformer(0);
        // By default an informer whose first list fails stops for good: this one must come up whenever the cluster does.
        watching.exceptionHandler((started, e) -> {
            if (failureLogged.compareAndSet(false, true)) {
                LOG.warnf("Cannot watch the cluster's namespaces (%s): new tenants are not checked against them, and passes"
                        + " wait, until it can; retrying", e.getMessage());
            }
            return true;
        });
        listeners.forEach(watching::addEventHandler);
        watching.start();
        informer = watching;
    }

    /**
     * Calls {@code seen} with every namespace the watch shows, those already listed first, then each added or changed
     * one; {@code gone} with the name of each deleted one. Both run on the thread that decoded the event: they must
     * not block, nor call Kubernetes.
     */
    synchronized void listen(Consumer<Namespace> seen, Consumer<String> gone) {
        ResourceEventHandler<Namespace> handler = new ResourceEventHandler<>() {
            @Override
            public void onAdd(Namespace ns) {
                seen.accept(ns);
            }

            @Override
            public void onUpdate(Namespace old, Namespace ns) {
                seen.accept(ns);
            }

            @Override
            public void onDelete(Namespace ns, boolean finalStateUnknown) {
                gone.accept(ns.getMetadata().getName());
            }
        };
        listeners.add(handler);
        if (informer != null) {
            informer.addEventHandler(handler); // Fabric8 replays the namespaces it holds as adds
        }
    }

    /** Whether the watch has listed the cluster's namespaces: from then on, one it does not show does not exist. */
    boolean synced() {
        SharedIndexInformer<Namespace> i = informer;
        return i != null && i.hasSynced();
    }

    /** The namespace as the watch last showed it, or null (absent, or not seen yet). */
    public Namespace get(String name) {
        SharedIndexInformer<Namespace> i = informer;
        return i == null ? null : i.getIndexer().getByKey(name);
    }

    /**
     * Whether a pass may write into the namespace: it is this installation's, or it is not there (a write into a
     * namespace that does not exist fails on its own). One that is someone else's is never written into.
     */
    boolean writable(String namespace) {
        Namespace ns = get(namespace);
        return ns == null || installation.owns(ns);
    }

    @Override
    public Optional<String> takenFor(String tenant) {
        String name = TenantObjects.namespaceName(tenant);
        Namespace ns = get(name);
        return ns == null || installation.owns(ns) ? Optional.empty() : Optional.of(name);
    }

    @PreDestroy
    synchronized void stop() {
        if (informer != null) {
            informer.stop();
        }
    }
}
