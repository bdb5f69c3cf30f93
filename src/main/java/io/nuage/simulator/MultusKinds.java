package io.nuage.simulator;

import java.util.List;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;

/**
 * The custom resource Multus installs, as the simulated API server serves it. Multus itself
 * has nothing to simulate for Nuage: its work happens on nodes, when a VM's pod starts.
 */
final class MultusKinds {

    static final List<CustomResourceDefinitionContext> CRDS = List.of(new CustomResourceDefinitionContext.Builder()
            .withName("network-attachment-definitions.k8s.cni.cncf.io").withGroup("k8s.cni.cncf.io").withVersion("v1")
            .withKind("NetworkAttachmentDefinition").withPlural("network-attachment-definitions").withScope("Namespaced")
            .build());

    private MultusKinds() {
    }
}
