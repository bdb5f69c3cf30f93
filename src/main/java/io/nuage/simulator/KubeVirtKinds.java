package io.nuage.simulator;

import java.util.List;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The two KubeVirt kinds the simulator serves and acts on, described here rather than borrowed from Nuage's own
 * model so that the simulator stays a separate system, as real KubeVirt is.
 */
final class KubeVirtKinds {

    static final String GROUP = "kubevirt.io";
    static final String VERSION = "v1";
    static final String API_VERSION = GROUP + "/" + VERSION;

    static final ResourceDefinitionContext VIRTUAL_MACHINE = context("VirtualMachine", "virtualmachines");
    static final ResourceDefinitionContext VIRTUAL_MACHINE_INSTANCE =
            context("VirtualMachineInstance", "virtualmachineinstances");

    /**
     * Both kinds as CRDs with a status subresource, as KubeVirt installs them. Registering them with the mock server
     * makes it behave like a real API server: a plain update keeps the stored status, and only writes to
     * {@code /status} change it.
     */
    static final List<CustomResourceDefinitionContext> WITH_STATUS_SUBRESOURCE = List.of(
            crd("VirtualMachine", "virtualmachines"),
            crd("VirtualMachineInstance", "virtualmachineinstances"));

    private KubeVirtKinds() {
    }

    private static ResourceDefinitionContext context(String kind, String plural) {
        return new ResourceDefinitionContext.Builder()
                .withGroup(GROUP).withVersion(VERSION).withKind(kind).withPlural(plural).withNamespaced(true)
                .build();
    }

    private static CustomResourceDefinitionContext crd(String kind, String plural) {
        return new CustomResourceDefinitionContext.Builder()
                .withName(plural + "." + GROUP).withGroup(GROUP).withVersion(VERSION).withKind(kind)
                .withPlural(plural).withScope("Namespaced").withStatusSubresource(true)
                .build();
    }
}
