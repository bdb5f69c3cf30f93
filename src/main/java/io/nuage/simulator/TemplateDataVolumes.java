package io.nuage.simulator;

import static io.nuage.simulator.Untyped.list;
import static io.nuage.simulator.Untyped.map;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * What KubeVirt's VM controller does with a VirtualMachine's {@code dataVolumeTemplates}: makes each DataVolume once,
 * owned by the VM, and starts the VM's instance only once they are all populated. Nothing else of the templates
 * (a changed size) reaches a DataVolume that exists; they go when the VM goes.
 */
final class TemplateDataVolumes {

    private final KubernetesClient client;
    /** namespace/name of the VMs that made DataVolumes: only their deletion lists what to delete. */
    private final Set<String> owners = ConcurrentHashMap.newKeySet();

    TemplateDataVolumes(KubernetesClient client) {
        this.client = client;
    }

    /** Makes the VM's missing DataVolumes; whether all of them have Succeeded. */
    boolean ready(GenericKubernetesResource vm) {
        boolean ready = true;
        String namespace = vm.getMetadata().getNamespace();
        for (Object t : list(map(vm.getAdditionalProperties().get("spec")).get("dataVolumeTemplates"))) {
            owners.add(namespace + "/" + vm.getMetadata().getName());
            Map<String, Object> template = map(t);
            Map<String, Object> metadata = map(template.get("metadata"));
            String name = (String) metadata.get("name");
            GenericKubernetesResource dv = client.genericKubernetesResources(KubeVirtKinds.DATA_VOLUME).inNamespace(namespace)
                    .withName(name).get();
            if (dv == null) {
                dv = client.genericKubernetesResources(KubeVirtKinds.DATA_VOLUME).inNamespace(namespace)
                        .resource(dataVolume(vm, name, metadata, template)).create();
            }
            ready &= "Succeeded".equals(map(dv.getAdditionalProperties().get("status")).get("phase"));
        }
        return ready;
    }

    /** Deletes the DataVolumes a deleted VM owned, as the garbage collector would. */
    void deleteOwnedBy(String namespace, String vmName) {
        if (!owners.remove(namespace + "/" + vmName)) {
            return;
        }
        client.genericKubernetesResources(KubeVirtKinds.DATA_VOLUME).inNamespace(namespace).list().getItems().stream()
                .filter(dv -> dv.getMetadata().getOwnerReferences() != null && dv.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> KubeVirtKinds.VIRTUAL_MACHINE.getKind().equals(o.getKind()) && vmName.equals(o.getName())))
                .forEach(dv -> client.resource(dv).delete());
    }

    private static GenericKubernetesResource dataVolume(GenericKubernetesResource vm, String name, Map<String, Object> metadata,
            Map<String, Object> template) {
        GenericKubernetesResource dv = new GenericKubernetesResource();
        dv.setApiVersion(KubeVirtKinds.CDI_GROUP + "/" + KubeVirtKinds.CDI_VERSION);
        dv.setKind(KubeVirtKinds.DATA_VOLUME.getKind());
        Map<String, String> labels = new LinkedHashMap<>();
        map(metadata.get("labels")).forEach((k, v) -> labels.put(k, String.valueOf(v)));
        dv.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(vm.getMetadata().getNamespace()).withLabels(labels)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(KubeVirtKinds.API_VERSION)
                        .withKind(KubeVirtKinds.VIRTUAL_MACHINE.getKind()).withName(vm.getMetadata().getName())
                        .withUid(vm.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build())
                .build());
        dv.setAdditionalProperty("spec", map(template.get("spec")));
        return dv;
    }
}
