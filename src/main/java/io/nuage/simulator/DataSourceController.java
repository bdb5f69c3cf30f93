package io.nuage.simulator;

import static io.nuage.simulator.Untyped.map;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * Does to DataSources what CDI's DataSource controller would: a DataSource whose {@code spec.source.pvc} names a PVC
 * that is populated (its DataVolume Succeeded, or, without a DataVolume, the PVC exists) is Ready; otherwise not, with
 * the DataVolume's phase as the reason ({@code NotFound} when there is nothing yet). The status repeats the source.
 */
final class DataSourceController implements AutoCloseable {

    private final KubernetesClient client;
    private final KeyedWorkQueue queue;
    private SharedIndexInformer<GenericKubernetesResource> dataSources;
    private SharedIndexInformer<GenericKubernetesResource> dataVolumes;

    DataSourceController(KubernetesClient client) {
        this.client = client;
        this.queue = new KeyedWorkQueue("nuage-sim-datasource", 1, this::reconcile);
    }

    void start() {
        dataSources = client.genericKubernetesResources(KubeVirtKinds.DATA_SOURCE).inAnyNamespace().inform(new Enqueue(), 2000);
        dataVolumes = client.genericKubernetesResources(KubeVirtKinds.DATA_VOLUME).inAnyNamespace().inform(new Enqueue(), 0);
    }

    @Override
    public void close() {
        queue.close();
        if (dataSources != null) {
            dataSources.close();
        }
        if (dataVolumes != null) {
            dataVolumes.close();
        }
    }

    private void reconcile(String key) {
        GenericKubernetesResource ds = dataSources.getStore().getByKey(key);
        if (ds == null) {
            return;
        }
        Map<String, Object> source = map(map(ds.getAdditionalProperties().get("spec")).get("source"));
        Map<String, Object> pvc = map(source.get("pvc"));
        String claimKey = pvc.get("namespace") + "/" + pvc.get("name");
        GenericKubernetesResource dv = dataVolumes.getStore().getByKey(claimKey);
        String reason;
        if (dv != null) {
            Object phase = map(dv.getAdditionalProperties().get("status")).get("phase");
            reason = "Succeeded".equals(phase) ? "Ready" : phase == null ? "Pending" : phase.toString();
        } else {
            boolean exists = client.persistentVolumeClaims().inNamespace((String) pvc.get("namespace"))
                    .withName((String) pvc.get("name")).get() != null;
            reason = exists ? "Ready" : "NotFound";
        }
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("type", "Ready");
        ready.put("status", reason.equals("Ready") ? "True" : "False");
        ready.put("reason", reason);
        ready.put("message", reason.equals("Ready") ? "" : "Source PVC " + claimKey + " is not populated yet");
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("source", source);
        status.put("conditions", List.of(ready));
        if (!Objects.equals(status, ds.getAdditionalProperties().get("status"))) {
            Untyped.patchStatus(client, KubeVirtKinds.DATA_SOURCE, ds.getMetadata().getNamespace(), ds.getMetadata().getName(), status);
        }
    }

    /** A DataSource changed: look at it; a DataVolume changed: look at the DataSources of its namespace. */
    private final class Enqueue implements ResourceEventHandler<GenericKubernetesResource> {
        @Override
        public void onAdd(GenericKubernetesResource o) {
            enqueue(o);
        }

        @Override
        public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource o) {
            enqueue(o);
        }

        @Override
        public void onDelete(GenericKubernetesResource o, boolean finalStateUnknown) {
            enqueue(o);
        }

        private void enqueue(HasMetadata o) {
            if (KubeVirtKinds.DATA_SOURCE.getKind().equals(o.getKind())) {
                queue.add(Cache.metaNamespaceKeyFunc(o));
            } else if (dataSources != null) {
                dataSources.getStore().list().stream().filter(ds -> o.getMetadata().getNamespace().equals(ds.getMetadata().getNamespace()))
                        .forEach(ds -> queue.add(Cache.metaNamespaceKeyFunc(ds)));
            }
        }
    }
}
