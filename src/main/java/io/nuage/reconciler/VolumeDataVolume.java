package io.nuage.reconciler;

import java.util.Map;

import io.nuage.kubevirt.DataVolume;
import io.nuage.kubevirt.DataVolumeSource;
import io.nuage.kubevirt.DesiredVolume;
import io.nuage.kubevirt.VolumeObjects;
import io.nuage.storage.VolumeStore;
import io.nuage.storage.VolumeStore.Reconcilable;
import io.nuage.reconciler.KindReconciler.Orphans;

/** A volume's DataVolume, which CDI fills from its source. Ours to collect when orphaned; its PVC goes with it. */
final class VolumeDataVolume extends Dependent<VolumeDataVolume.Model, DataVolume> {

    /** The volume, its namespace, the source it is filled from, and its DataVolume if it has one. */
    record Model(Reconcilable row, String namespace, DataVolumeSource source, DataVolume actual) {
    }

    VolumeDataVolume() {
        super(DataVolume.class, Map.of(), Orphans.DELETED_IF_TOMBSTONED, Model::namespace);
    }

    /** A DataVolume keeps the size it was made with: growth goes to its PVC (CDI does not resize DataVolumes). */
    @Override
    DataVolume desired(Model m) {
        Reconcilable row = m.row();
        VolumeStore.Desired spec = row.desired();
        DataVolume desired = VolumeObjects.dataVolume(new DesiredVolume(row.id(), row.ref().tenant(), m.namespace(), row.name(),
                spec.sizeGib(), spec.storageClass(), m.source()));
        if (m.actual() != null && m.actual().getSpec() != null && m.actual().getSpec().storage != null) {
            desired.getSpec().storage.resources = m.actual().getSpec().storage.resources;
        }
        return desired;
    }

    @Override
    String name(Model m) {
        return m.row().name();
    }

    @Override
    boolean matches(Model m, DataVolume want, DataVolume have) {
        return VolumeObjects.specMatches(want, have);
    }
}
