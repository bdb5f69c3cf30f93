package io.nuage.kubevirt;

import java.util.UUID;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;

/** The KubeVirt objects of a snapshot and of its restores, as pure functions. */
public final class SnapshotObjects {

    private SnapshotObjects() {
    }

    /** The VirtualMachineSnapshot of instance {@code instance}'s VM; its name is the snapshot's. */
    public static VirtualMachineSnapshot snapshot(UUID id, String tenant, String namespace, String name, String instance) {
        VirtualMachineSnapshot s = new VirtualMachineSnapshot();
        s.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).withLabels(Labels.owned(tenant, id)).build());
        s.setSpec(new VirtualMachineSnapshotSpec(vm(instance)));
        return s;
    }

    /** The name of the n-th restore of a snapshot: each restore asked for is a new object. */
    public static String restoreName(String snapshot, int n) {
        return snapshot + "-restore-" + n;
    }

    /** A restore of the snapshot onto the instance's VM, in place. Labelled as the snapshot's, whose pass owns it. */
    public static VirtualMachineRestore restore(UUID snapshotId, String tenant, String namespace, String snapshot, String instance,
            int n) {
        VirtualMachineRestore r = new VirtualMachineRestore();
        r.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(restoreName(snapshot, n))
                .withLabels(Labels.owned(tenant, snapshotId)).build());
        r.setSpec(new VirtualMachineRestoreSpec(vm(instance), snapshot, VirtualMachineRestoreSpec.IN_PLACE));
        return r;
    }

    private static TypedLocalObjectReference vm(String instance) {
        return new TypedLocalObjectReference("kubevirt.io", "VirtualMachine", instance);
    }
}
