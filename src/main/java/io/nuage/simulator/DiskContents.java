package io.nuage.simulator;

import java.util.HashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * What a simulated disk holds, as a marker on its PVC: an import writes its source there, a clone copies its source's, a
 * snapshot keeps each volume's and a restore writes them back. A test stands for a guest writing to its disk by setting
 * the marker ({@code kubectl annotate pvc NAME sim.nuage.io/content=...}), and checks what comes back.
 */
final class DiskContents {

    /** The annotation of a PVC that says what the disk holds. */
    static final String ANNOTATION = "sim.nuage.io/content";

    private DiskContents() {
    }

    /** What the claim's disk holds; null for an empty disk, or no such claim. */
    static String of(KubernetesClient client, String namespace, String claim) {
        PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(namespace).withName(claim).get();
        return of(pvc);
    }

    static String of(PersistentVolumeClaim pvc) {
        return pvc == null || pvc.getMetadata().getAnnotations() == null ? null : pvc.getMetadata().getAnnotations().get(ANNOTATION);
    }

    /** Writes {@code content} to the claim's disk (null: empties it). */
    static void write(KubernetesClient client, String namespace, String claim, String content) {
        Map<String, Object> annotations = new HashMap<>();
        annotations.put(ANNOTATION, content); // null removes it
        client.persistentVolumeClaims().inNamespace(namespace).withName(claim).patch(PatchContext.of(PatchType.JSON_MERGE),
                Serialization.asJson(Map.of("metadata", Map.of("annotations", annotations))));
    }
}
