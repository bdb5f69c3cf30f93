package io.nuage.simulator;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The simulated controllers read and write KubeVirt's and CDI's objects untyped, as maps, so
 * that the simulator shares no model with Nuage: these are their helpers.
 */
final class Untyped {

    private Untyped() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    /** Replaces the object's status through its status subresource (a merge patch), as a controller does. */
    static void patchStatus(KubernetesClient client, ResourceDefinitionContext kind, String namespace, String name,
            Map<String, Object> status) {
        GenericKubernetesResource patch = new GenericKubernetesResource();
        patch.setApiVersion(kind.getGroup() + "/" + kind.getVersion());
        patch.setKind(kind.getKind());
        patch.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        patch.setAdditionalProperty("status", status);
        client.genericKubernetesResources(kind).inNamespace(namespace).resource(patch).patchStatus();
    }
}
