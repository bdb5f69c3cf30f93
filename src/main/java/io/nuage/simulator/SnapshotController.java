package io.nuage.simulator;

import static io.nuage.simulator.Untyped.list;
import static io.nuage.simulator.Untyped.map;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * Does to VirtualMachineSnapshots and VirtualMachineRestores what KubeVirt's snapshot controller would: a snapshot of
 * an existing VM gets a VirtualMachineSnapshotContent naming one VolumeSnapshot per DataVolume or PVC volume and
 * becomes ReadyToUse; a snapshot of a missing VM fails; a restore onto an existing VM completes. What each disk held
 * ({@link DiskContents}) is kept with the content, and a restore writes it back.
 */
final class SnapshotController implements AutoCloseable {

    private final KubernetesClient client;
    private final KeyedWorkQueue queue;
    private SharedIndexInformer<GenericKubernetesResource> snapshots;
    private SharedIndexInformer<GenericKubernetesResource> restores;

    SnapshotController(KubernetesClient client) {
        this.client = client;
        this.queue = new KeyedWorkQueue("nuage-sim-snapshot", 1, this::reconcile);
    }

    void start() {
        snapshots = client.genericKubernetesResources(KubeVirtKinds.SNAPSHOT).inAnyNamespace().inform(new Enqueue("s/"), 2000);
        restores = client.genericKubernetesResources(KubeVirtKinds.RESTORE).inAnyNamespace().inform(new Enqueue("r/"), 2000);
    }

    @Override
    public void close() {
        queue.close();
        if (snapshots != null) {
            snapshots.close();
        }
        if (restores != null) {
            restores.close();
        }
    }

    private void reconcile(String key) {
        if (key.startsWith("s/")) {
            GenericKubernetesResource s = snapshots.getStore().getByKey(key.substring(2));
            if (s != null && map(s.getAdditionalProperties().get("status")).isEmpty()) {
                snapshot(s);
            }
        } else {
            GenericKubernetesResource r = restores.getStore().getByKey(key.substring(2));
            if (r != null && !Boolean.TRUE.equals(map(r.getAdditionalProperties().get("status")).get("complete"))) {
                restore(r);
            }
        }
    }

    private void snapshot(GenericKubernetesResource s) {
        String namespace = s.getMetadata().getNamespace();
        String vmName = (String) map(map(s.getAdditionalProperties().get("spec")).get("source")).get("name");
        GenericKubernetesResource vm = client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE).inNamespace(namespace)
                .withName(vmName).get();
        Map<String, Object> status = new LinkedHashMap<>();
        if (vm == null) {
            status.put("phase", "Failed");
            status.put("readyToUse", false);
            status.put("error", Map.of("message", "VirtualMachine " + vmName + " does not exist"));
            Untyped.patchStatus(client, KubeVirtKinds.SNAPSHOT, s.getMetadata().getNamespace(), s.getMetadata().getName(), status);
            return;
        }
        List<String> included = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        List<Map<String, Object>> backups = new ArrayList<>();
        Map<String, String> contents = new LinkedHashMap<>();
        Map<String, Object> template = map(map(vm.getAdditionalProperties().get("spec")).get("template"));
        for (Object o : list(map(template.get("spec")).get("volumes"))) {
            Map<String, Object> v = map(o);
            String name = (String) v.get("name");
            Object claim = map(v.get("dataVolume")).getOrDefault("name", map(v.get("persistentVolumeClaim")).get("claimName"));
            if (claim == null) {
                excluded.add(name);
                continue;
            }
            included.add(name);
            Map<String, Object> backup = new LinkedHashMap<>();
            backup.put("volumeName", name);
            backup.put("persistentVolumeClaim", Map.of("metadata", Map.of("name", claim)));
            backup.put("volumeSnapshotName", "vmsnapshot-" + s.getMetadata().getUid() + "-volume-" + name);
            backups.add(backup);
            String held = DiskContents.of(client, namespace, (String) claim);
            if (held != null) {
                contents.put(DiskContents.ANNOTATION + "." + name, held);
            }
        }
        String contentName = "vmsnapshot-content-" + s.getMetadata().getUid();
        GenericKubernetesResource content = new GenericKubernetesResource();
        content.setApiVersion(KubeVirtKinds.SNAPSHOT_GROUP + "/" + KubeVirtKinds.SNAPSHOT_VERSION);
        content.setKind(KubeVirtKinds.SNAPSHOT_CONTENT.getKind());
        content.setMetadata(new ObjectMetaBuilder().withName(contentName).withNamespace(namespace).withAnnotations(contents)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(s.getApiVersion()).withKind(s.getKind())
                        .withName(s.getMetadata().getName()).withUid(s.getMetadata().getUid()).withController(true).build())
                .build());
        content.setAdditionalProperty("spec", Map.of("virtualMachineSnapshotName", s.getMetadata().getName(),
                "source", Map.of("virtualMachine", Map.of("metadata", Map.of("name", vmName))), "volumeBackups", backups));
        client.genericKubernetesResources(KubeVirtKinds.SNAPSHOT_CONTENT).inNamespace(namespace).resource(content).createOr(c -> c.update());
        status.put("phase", "Succeeded");
        status.put("readyToUse", true);
        status.put("creationTime", now());
        status.put("sourceUID", vm.getMetadata().getUid());
        status.put("virtualMachineSnapshotContentName", contentName);
        status.put("snapshotVolumes", Map.of("includedVolumes", included, "excludedVolumes", excluded));
        Untyped.patchStatus(client, KubeVirtKinds.SNAPSHOT, s.getMetadata().getNamespace(), s.getMetadata().getName(), status);
    }

    private void restore(GenericKubernetesResource r) {
        String namespace = r.getMetadata().getNamespace();
        String vmName = (String) map(map(r.getAdditionalProperties().get("spec")).get("target")).get("name");
        boolean vmExists = client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE).inNamespace(namespace)
                .withName(vmName).get() != null;
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("complete", vmExists);
        if (vmExists) {
            writeBack(namespace, (String) map(r.getAdditionalProperties().get("spec")).get("virtualMachineSnapshotName"));
            status.put("restoreTime", now());
        }
        status.put("conditions", List.of(Map.of("type", "Ready", "status", vmExists ? "True" : "False",
                "reason", vmExists ? "Operation complete" : "VirtualMachine not found")));
        Untyped.patchStatus(client, KubeVirtKinds.RESTORE, namespace, r.getMetadata().getName(), status);
    }


    /** Each disk of the snapshot gets back what it held when the snapshot was taken. */
    private void writeBack(String namespace, String snapshotName) {
        GenericKubernetesResource snapshot = client.genericKubernetesResources(KubeVirtKinds.SNAPSHOT).inNamespace(namespace)
                .withName(snapshotName).get();
        Object contentName = snapshot == null ? null : map(snapshot.getAdditionalProperties().get("status")).get("virtualMachineSnapshotContentName");
        GenericKubernetesResource content = contentName == null ? null : client.genericKubernetesResources(KubeVirtKinds.SNAPSHOT_CONTENT)
                .inNamespace(namespace).withName((String) contentName).get();
        if (content == null) {
            return;
        }
        Map<String, String> held = content.getMetadata().getAnnotations() == null ? Map.of() : content.getMetadata().getAnnotations();
        for (Object o : list(map(content.getAdditionalProperties().get("spec")).get("volumeBackups"))) {
            Map<String, Object> backup = map(o);
            String claim = (String) map(map(backup.get("persistentVolumeClaim")).get("metadata")).get("name");
            if (client.persistentVolumeClaims().inNamespace(namespace).withName(claim).get() != null) {
                DiskContents.write(client, namespace, claim, held.get(DiskContents.ANNOTATION + "." + backup.get("volumeName")));
            }
        }
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }



    /** Keys are prefixed by kind, so one queue serves both informers. */
    private final class Enqueue implements ResourceEventHandler<GenericKubernetesResource> {
        private final String prefix;

        Enqueue(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public void onAdd(GenericKubernetesResource o) {
            queue.add(prefix + Cache.metaNamespaceKeyFunc(o));
        }

        @Override
        public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource o) {
            queue.add(prefix + Cache.metaNamespaceKeyFunc(o));
        }

        @Override
        public void onDelete(GenericKubernetesResource o, boolean finalStateUnknown) {
            // Nothing to undo: the content goes with its snapshot (owner reference).
        }
    }
}
