package io.nuage.reconciler;

import java.util.Map;

import io.nuage.kubevirt.SnapshotObjects;
import io.nuage.kubevirt.TenantObjects;
import io.nuage.kubevirt.VirtualMachineRestore;
import io.nuage.kubevirt.VirtualMachineSnapshot;
import io.nuage.storage.SnapshotStore.Reconcilable;
import io.nuage.reconciler.KindReconciler.Orphans;

/** The objects a snapshot owns, each made once and never replaced; both are collected when orphaned. */
final class SnapshotDependents {

    private SnapshotDependents() {
    }

    static String namespace(Reconcilable row) {
        return TenantObjects.namespaceName(row.tenant());
    }

    /** The VirtualMachineSnapshot of the instance. */
    static final class Snapshots extends Dependent<Reconcilable, VirtualMachineSnapshot> {
        Snapshots() {
            super(VirtualMachineSnapshot.class, Map.of(), Orphans.DELETED_IF_TOMBSTONED, SnapshotDependents::namespace);
        }

        @Override
        VirtualMachineSnapshot desired(Reconcilable row) {
            return SnapshotObjects.snapshot(row.id(), row.tenant(), namespace(row), row.name(), row.instance());
        }

        @Override
        String name(Reconcilable row) {
            return row.name();
        }
    }

    /** The VirtualMachineRestore of the last restore asked for: one name per restore. */
    static final class Restores extends Dependent<Reconcilable, VirtualMachineRestore> {
        Restores() {
            super(VirtualMachineRestore.class, Map.of(), Orphans.DELETED, SnapshotDependents::namespace);
        }

        @Override
        VirtualMachineRestore desired(Reconcilable row) {
            return SnapshotObjects.restore(row.id(), row.tenant(), namespace(row), row.name(), row.instance(),
                    row.restoresRequested());
        }

        @Override
        String name(Reconcilable row) {
            return SnapshotObjects.restoreName(row.name(), row.restoresRequested());
        }
    }
}
