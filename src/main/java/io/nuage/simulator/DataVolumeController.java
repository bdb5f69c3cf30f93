package io.nuage.simulator;

import static io.nuage.simulator.Untyped.list;
import static io.nuage.simulator.Untyped.map;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * Does to DataVolumes, in every namespace, what CDI would: creates the PVC (same name, owned by the DataVolume,
 * Bound at once), imports an http or registry source in steps of progress over the import delay, makes a blank one
 * ready at once, and fails an import whose host cannot resolve (any host under the reserved {@code .invalid}
 * domain: the failure knob). A PVC whose request grows is expanded; a DataVolume's deletion takes its PVC with it
 * (the garbage collection a real cluster does through the owner reference). CDI's DataSources are its
 * {@link DataSourceController}'s.
 */
final class DataVolumeController implements AutoCloseable {

    private static final int WORKER_COUNT = 2;
    private static final int STEPS = 5;

    private final KubernetesClient client;
    private final SimulatorSettings settings;
    private final KeyedWorkQueue queue;
    /** When each DataVolume's import started: the simulator is the only one who knows. */
    private final Map<String, Instant> imports = new ConcurrentHashMap<>();
    private final DataSourceController dataSources;

    private SharedIndexInformer<GenericKubernetesResource> dvInformer;
    private SharedIndexInformer<PersistentVolumeClaim> pvcInformer;

    DataVolumeController(KubernetesClient client, SimulatorSettings settings) {
        this.client = client;
        this.settings = settings;
        this.queue = new KeyedWorkQueue("nuage-sim-cdi", WORKER_COUNT, this::reconcile);
        this.dataSources = new DataSourceController(client);
    }

    void start() {
        pvcInformer = client.persistentVolumeClaims().inAnyNamespace().inform(new Enqueue<>(), 0);
        dvInformer = dataVolumes().inAnyNamespace().inform(new Enqueue<>(), Duration.ofSeconds(2).toMillis());
        dataSources.start();
    }

    @Override
    public void close() {
        dataSources.close();
        queue.close();
        if (dvInformer != null) {
            dvInformer.close();
        }
        if (pvcInformer != null) {
            pvcInformer.close();
        }
    }

    private void reconcile(String key) {
        GenericKubernetesResource dv = dvInformer.getStore().getByKey(key);
        PersistentVolumeClaim pvc = pvcInformer.getStore().getByKey(key);
        if (dv == null) {
            imports.remove(key);
            if (pvc != null && ownedByDataVolume(pvc)) {
                client.resource(pvc).delete();
            }
            return;
        }
        if (pvc == null) {
            client.resource(claimFor(dv)).create();
        } else if (requested(pvc) != null && !requested(pvc).equals(capacity(pvc))) {
            expand(pvc);
        }
        Map<String, Object> status = importStatus(key, dv);
        Object was = map(dv.getAdditionalProperties().get("status")).get("phase");
        if ("Succeeded".equals(status.get("phase")) && !"Succeeded".equals(was)) {
            fill(dv);
        }
        if (!Objects.equals(status, dv.getAdditionalProperties().get("status"))) {
            Untyped.patchStatus(client, KubeVirtKinds.DATA_VOLUME, dv.getMetadata().getNamespace(), dv.getMetadata().getName(),
                    status);
        }
    }

    /**
     * What the finished disk holds ({@link DiskContents}): what was imported (its URL), or the clone's source's content.
     * A blank disk holds nothing.
     */
    private void fill(GenericKubernetesResource dv) {
        Map<String, Object> spec = map(dv.getAdditionalProperties().get("spec"));
        Map<String, Object> source = map(spec.get("source"));
        String content = source.containsKey("http") ? (String) map(source.get("http")).get("url")
                : source.containsKey("registry") ? (String) map(source.get("registry")).get("url") : null;
        Map<String, Object> from = cloneSource(dv);
        if (from != null) {
            content = DiskContents.of(client, (String) from.get("namespace"), (String) from.get("name"));
        }
        if (content != null) {
            DiskContents.write(client, dv.getMetadata().getNamespace(), dv.getMetadata().getName(), content);
        }
    }

    /**
     * The PVC ({@code namespace}, {@code name}) a DataVolume with a {@code sourceRef} clones, once its DataSource is
     * Ready; null without a sourceRef, or while the DataSource is missing or not Ready.
     */
    private Map<String, Object> cloneSource(GenericKubernetesResource dv) {
        Map<String, Object> ref = map(map(dv.getAdditionalProperties().get("spec")).get("sourceRef"));
        if (ref.isEmpty()) {
            return null;
        }
        String namespace = ref.get("namespace") instanceof String ns ? ns : dv.getMetadata().getNamespace();
        GenericKubernetesResource source = client.genericKubernetesResources(KubeVirtKinds.DATA_SOURCE).inNamespace(namespace)
                .withName((String) ref.get("name")).get();
        boolean ready = source != null && list(map(source.getAdditionalProperties().get("status")).get("conditions")).stream()
                .anyMatch(c -> "Ready".equals(map(c).get("type")) && "True".equals(map(c).get("status")));
        if (!ready) {
            return null;
        }
        Map<String, Object> pvc = map(map(map(source.getAdditionalProperties().get("spec")).get("source")).get("pvc"));
        return Map.of("namespace", pvc.getOrDefault("namespace", namespace), "name", pvc.get("name"));
    }

    /** Where the import stands now; schedules the next look while it runs. */
    private Map<String, Object> importStatus(String key, GenericKubernetesResource dv) {
        Map<String, Object> source = map(map(dv.getAdditionalProperties().get("spec")).get("source"));
        if (source.isEmpty() && !map(map(dv.getAdditionalProperties().get("spec")).get("sourceRef")).isEmpty()) {
            if (cloneSource(dv) == null) {
                queue.addAfter(key, Duration.ofMillis(200));
                return status("CloneScheduled", "N/A", "CloneScheduled", "Waiting for the DataSource to be Ready");
            }
            return progress(key, "CloneInProgress", "Clone in progress", "Clone Complete");
        }
        String url = source.containsKey("http") ? (String) map(source.get("http")).get("url")
                : source.containsKey("registry") ? (String) map(source.get("registry")).get("url") : null;
        if (url == null && !source.containsKey("snapshot")) {
            return status("Succeeded", "N/A", "Completed", "Blank volume ready");
        }
        if (url != null && unresolvable(url)) {
            return status("Failed", "N/A", "Error", "Unable to connect to http data source: no such host " + host(url));
        }
        return progress(key, "ImportInProgress", "Import in progress", "Import Complete");
    }

    /** An import or a clone under way for the import delay, in steps of progress; then Succeeded. */
    private Map<String, Object> progress(String key, String phase, String running, String complete) {
        Instant started = imports.computeIfAbsent(key, k -> Instant.now());
        Duration total = settings.importDelay();
        Duration elapsed = Duration.between(started, Instant.now());
        if (elapsed.compareTo(total) >= 0) {
            return status("Succeeded", "100.0%", "Completed", complete);
        }
        // Progress in whole steps, as CDI's importer reports it now and then, not continuously.
        long step = Math.min(STEPS - 1, elapsed.toNanos() * STEPS / total.toNanos());
        queue.addAfter(key, total.dividedBy(STEPS));
        return status(phase, String.format(Locale.ROOT, "%.2f%%", 100.0 * step / STEPS), "Pod is running", running);
    }

    private static Map<String, Object> status(String phase, String progress, String reason, String message) {
        boolean done = phase.equals("Succeeded");
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("phase", phase);
        status.put("progress", progress);
        status.put("conditions", List.of(
                condition("Bound", "True", "Bound", "PVC Bound"),
                condition("Ready", done ? "True" : "False", reason, message),
                condition("Running", phase.endsWith("InProgress") ? "True" : "False", reason, message)));
        return status;
    }

    private static Map<String, Object> condition(String type, String status, String reason, String message) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", type);
        c.put("status", status);
        c.put("reason", reason);
        c.put("message", message);
        return c;
    }

    private PersistentVolumeClaim claimFor(GenericKubernetesResource dv) {
        Map<String, Object> storage = map(map(dv.getAdditionalProperties().get("spec")).get("storage"));
        Quantity size = new Quantity(String.valueOf(map(map(storage.get("resources")).get("requests")).get("storage")));
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(dv.getMetadata().getName()).withNamespace(dv.getMetadata().getNamespace())
                .withLabels(dv.getMetadata().getLabels())
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(dv.getApiVersion()).withKind("DataVolume")
                        .withName(dv.getMetadata().getName()).withUid(dv.getMetadata().getUid()).withController(true)
                        .build())
                .endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName((String) storage.get("storageClassName"))
                .withNewResources().withRequests(Map.of("storage", size)).endResources().endSpec()
                .withNewStatus().withPhase("Bound").withAccessModes("ReadWriteOnce").withCapacity(Map.of("storage", size))
                .endStatus()
                .build();
    }

    /** The storage driver grows the volume: capacity follows the request. */
    private void expand(PersistentVolumeClaim pvc) {
        PersistentVolumeClaim grown = new PersistentVolumeClaimBuilder(pvc).editStatus()
                .withCapacity(Map.of("storage", requested(pvc))).endStatus().build();
        client.resource(grown).updateStatus();
    }

    private static Quantity requested(PersistentVolumeClaim pvc) {
        var resources = pvc.getSpec() == null ? null : pvc.getSpec().getResources();
        return resources == null || resources.getRequests() == null ? null : resources.getRequests().get("storage");
    }

    private static Quantity capacity(PersistentVolumeClaim pvc) {
        return pvc.getStatus() == null || pvc.getStatus().getCapacity() == null ? null
                : pvc.getStatus().getCapacity().get("storage");
    }

    private static boolean ownedByDataVolume(PersistentVolumeClaim pvc) {
        return pvc.getMetadata().getOwnerReferences() != null && pvc.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> "DataVolume".equals(o.getKind()));
    }

    private static boolean unresolvable(String url) {
        String host = host(url);
        return host != null && (host.endsWith(".invalid") || host.equals("invalid"));
    }

    private static String host(String url) {
        try {
            return URI.create(url.startsWith("docker://") ? "https://" + url.substring(9) : url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }


    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> dataVolumes() {
        return client.genericKubernetesResources(KubeVirtKinds.DATA_VOLUME);
    }

    /** Any change of a DataVolume or a PVC: look at the pair again (they share namespace and name). */
    private final class Enqueue<T extends io.fabric8.kubernetes.api.model.HasMetadata> implements ResourceEventHandler<T> {
        @Override
        public void onAdd(T o) {
            queue.add(Cache.metaNamespaceKeyFunc(o));
        }

        @Override
        public void onUpdate(T old, T o) {
            queue.add(Cache.metaNamespaceKeyFunc(o));
        }

        @Override
        public void onDelete(T o, boolean finalStateUnknown) {
            queue.add(Cache.metaNamespaceKeyFunc(o));
        }
    }
}
