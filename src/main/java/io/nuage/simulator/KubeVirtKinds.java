package io.nuage.simulator;

import java.util.List;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The KubeVirt and CDI kinds the simulator serves and acts on, described here rather than borrowed from Nuage's own
 * model so that the simulator stays a separate system, as real KubeVirt is.
 */
final class KubeVirtKinds {

    static final String GROUP = "kubevirt.io";
    static final String VERSION = "v1";
    static final String API_VERSION = GROUP + "/" + VERSION;

    static final String CDI_GROUP = "cdi.kubevirt.io";
    static final String CDI_VERSION = "v1beta1";

    static final ResourceDefinitionContext VIRTUAL_MACHINE = context(GROUP, VERSION, "VirtualMachine", "virtualmachines");
    static final ResourceDefinitionContext VIRTUAL_MACHINE_INSTANCE =
            context(GROUP, VERSION, "VirtualMachineInstance", "virtualmachineinstances");
    static final ResourceDefinitionContext DATA_VOLUME = context(CDI_GROUP, CDI_VERSION, "DataVolume", "datavolumes");
    static final ResourceDefinitionContext DATA_SOURCE = context(CDI_GROUP, CDI_VERSION, "DataSource", "datasources");
    static final String SNAPSHOT_GROUP = "snapshot.kubevirt.io";
    static final String SNAPSHOT_VERSION = "v1beta1";
    static final ResourceDefinitionContext SNAPSHOT =
            context(SNAPSHOT_GROUP, SNAPSHOT_VERSION, "VirtualMachineSnapshot", "virtualmachinesnapshots");
    static final ResourceDefinitionContext SNAPSHOT_CONTENT =
            context(SNAPSHOT_GROUP, SNAPSHOT_VERSION, "VirtualMachineSnapshotContent", "virtualmachinesnapshotcontents");
    static final ResourceDefinitionContext RESTORE =
            context(SNAPSHOT_GROUP, SNAPSHOT_VERSION, "VirtualMachineRestore", "virtualmachinerestores");

    static final ResourceDefinitionContext EXPORT =
            context("export.kubevirt.io", "v1beta1", "VirtualMachineExport", "virtualmachineexports");

    static final ResourceDefinitionContext CLUSTER_INSTANCETYPE = new ResourceDefinitionContext.Builder()
            .withGroup("instancetype.kubevirt.io").withVersion("v1beta1").withKind("VirtualMachineClusterInstancetype")
            .withPlural("virtualmachineclusterinstancetypes").withNamespaced(false).build();

    /** Cluster-wide kinds, without status. */
    static final List<CustomResourceDefinitionContext> CLUSTER_SCOPED = List.of(new CustomResourceDefinitionContext.Builder()
            .withName(CLUSTER_INSTANCETYPE.getPlural() + "." + CLUSTER_INSTANCETYPE.getGroup())
            .withGroup(CLUSTER_INSTANCETYPE.getGroup()).withVersion(CLUSTER_INSTANCETYPE.getVersion())
            .withKind(CLUSTER_INSTANCETYPE.getKind()).withPlural(CLUSTER_INSTANCETYPE.getPlural()).withScope("Cluster").build());

    /**
     * These kinds as CRDs with a status subresource, as KubeVirt and CDI install them. Registering them with the mock server
     * makes it behave like a real API server: a plain update keeps the stored status, and only writes to
     * {@code /status} change it.
     */
    static final List<CustomResourceDefinitionContext> WITH_STATUS_SUBRESOURCE = List.of(
            crd(VIRTUAL_MACHINE),
            crd(VIRTUAL_MACHINE_INSTANCE),
            crd(DATA_VOLUME),
            crd(DATA_SOURCE),
            crd(SNAPSHOT),
            crd(SNAPSHOT_CONTENT),
            crd(RESTORE),
            crd(EXPORT));

    private KubeVirtKinds() {
    }

    private static ResourceDefinitionContext context(String group, String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group).withVersion(version).withKind(kind).withPlural(plural).withNamespaced(true)
                .build();
    }

    private static CustomResourceDefinitionContext crd(ResourceDefinitionContext c) {
        return new CustomResourceDefinitionContext.Builder()
                .withName(c.getPlural() + "." + c.getGroup()).withGroup(c.getGroup()).withVersion(c.getVersion())
                .withKind(c.getKind()).withPlural(c.getPlural()).withScope("Namespaced").withStatusSubresource(true)
                .build();
    }
}
