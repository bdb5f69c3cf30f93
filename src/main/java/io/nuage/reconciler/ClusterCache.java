package io.nuage.reconciler;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.nuage.kubevirt.Labels;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.kubevirt.VirtualMachineInstance;

/**
 * Watches the objects Nuage owns (label app.kubernetes.io/managed-by=nuage) and keeps them
 * in memory, so a reconcile pass reads the cluster without a request: an idle resync costs
 * no API reads, and a created instance costs its creates and nothing more. Every event only
 * enqueues the owning resource; passes read and write, never the watch.
 */
@Singleton
public class ClusterCache {

    private final Cluster cluster;
    private final Map<String, Expectation> expected = new ConcurrentHashMap<>();
    private SharedIndexInformer<VirtualMachine> vms;
    private SharedIndexInformer<VirtualMachineInstance> vmis;
    private SharedIndexInformer<Secret> secrets;

    ClusterCache(Cluster cluster) {
        this.cluster = cluster;
    }

    /** Starts the watches; each event on an instance's objects calls {@code onInstanceEvent}. */
    synchronized void start(Consumer<UUID> onInstanceEvent) {
        if (vms != null) {
            return;
        }
        var client = cluster.client();
        vms = client.resources(VirtualMachine.class).inAnyNamespace().withLabel(Labels.MANAGED_BY, Labels.MANAGER)
                .inform(handler(onInstanceEvent), 0);
        vmis = client.resources(VirtualMachineInstance.class).inAnyNamespace().withLabel(Labels.MANAGED_BY, Labels.MANAGER)
                .inform(handler(onInstanceEvent), 0);
        secrets = client.secrets().inAnyNamespace().withLabel(Labels.MANAGED_BY, Labels.MANAGER)
                .inform(handler(onInstanceEvent), 0);
    }

    public VirtualMachine vm(String namespace, String name) {
        return read(vms, namespace, name);
    }

    public VirtualMachineInstance vmi(String namespace, String name) {
        return vmis.getIndexer().getByKey(namespace + "/" + name);
    }

    public Secret secret(String namespace, String name) {
        return read(secrets, namespace, name);
    }

    public List<VirtualMachine> allVms() {
        return vms.getIndexer().list();
    }

    public List<Secret> allSecrets() {
        return secrets.getIndexer().list();
    }

    /**
     * Records what a write returned, before its watch event arrives, so the next pass does
     * not act on a stale view and write again (the "expectations" of Kubernetes controllers).
     * {@code before} is the object the write replaced (null for a create): the expectation
     * holds only while the informer still shows exactly that, never over anything newer.
     */
    void wrote(HasMetadata before, HasMetadata after) {
        expected.put(key(after), new Expectation(version(before), after));
    }

    /** Records a delete: the object reads as absent while the informer still shows it. */
    void deleted(HasMetadata o) {
        expected.put(key(o), new Expectation(version(o), null));
    }

    private record Expectation(String supersedes, HasMetadata value) {
    }

    @SuppressWarnings("unchecked")
    private <T extends HasMetadata> T read(SharedIndexInformer<T> informer, String namespace, String name) {
        String key = namespace + "/" + name;
        T informed = informer.getIndexer().getByKey(key);
        String expectationKey = kind(informer) + ":" + key;
        Expectation e = expected.get(expectationKey);
        if (e == null) {
            return informed;
        }
        if (java.util.Objects.equals(e.supersedes(), version(informed))) {
            return (T) e.value(); // the informer has not caught up with our write yet
        }
        expected.remove(expectationKey, e); // the informer moved on: it is the truth again
        return informed;
    }

    private static String version(HasMetadata o) {
        return o == null ? null : o.getMetadata().getResourceVersion();
    }

    /**
     * Informers that are not watching: reported, and restarted when they stopped for good,
     * so a watch that died can never silently freeze the cache.
     */
    synchronized List<String> checkWatches() {
        List<String> problems = new java.util.ArrayList<>();
        String[] names = { "virtualmachines", "virtualmachineinstances", "secrets" };
        SharedIndexInformer<?>[] informers = { vms, vmis, secrets };
        for (int i = 0; i < informers.length; i++) {
            SharedIndexInformer<?> informer = informers[i];
            if (informer == null || informer.isWatching()) {
                continue;
            }
            problems.add(names[i] + (informer.isRunning() ? " (reconnecting)" : " (stopped: restarting)"));
            if (!informer.isRunning()) {
                informer.run();
            }
        }
        return problems;
    }

    @PreDestroy
    synchronized void stop() {
        for (SharedIndexInformer<?> i : new SharedIndexInformer<?>[] { vms, vmis, secrets }) {
            if (i != null) {
                i.stop();
            }
        }
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
        return o.getKind() + ":" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
    }

    private String kind(SharedIndexInformer<?> informer) {
        return informer == vms ? "VirtualMachine" : informer == secrets ? "Secret" : "VirtualMachineInstance";
    }

    private static <T extends HasMetadata> ResourceEventHandler<T> handler(Consumer<UUID> onEvent) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T o) {
                notify(o);
            }

            @Override
            public void onUpdate(T old, T o) {
                notify(o);
            }

            @Override
            public void onDelete(T o, boolean finalStateUnknown) {
                notify(o);
            }

            private void notify(T o) {
                UUID id = resourceId(o);
                if (id != null) {
                    onEvent.accept(id);
                }
            }
        };
    }
}
