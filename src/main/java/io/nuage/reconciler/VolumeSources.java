package io.nuage.reconciler;

import io.nuage.kubevirt.DataVolume;
import io.nuage.kubevirt.DataVolumeSource;
import io.nuage.kubevirt.InstanceObjects;
import io.nuage.kubevirt.VirtualMachineSnapshot;
import io.nuage.kubevirt.VirtualMachineSnapshotContent;
import io.nuage.storage.VolumeSource;
import io.nuage.storage.VolumeStore.Reconcilable;

/** Where a volume's DataVolume takes its content from. */
final class VolumeSources {

    private final Cluster cluster;
    private final ClusterCache cache;

    VolumeSources(Cluster cluster, ClusterCache cache) {
        this.cluster = cluster;
        this.cache = cache;
    }

    /**
     * A volume from a snapshot restores the CSI VolumeSnapshot KubeVirt took of that volume, found in the snapshot's
     * content; once the DataVolume exists its source is kept, so deleting the snapshot afterwards changes nothing.
     * Null while the content is not there.
     */
    DataVolumeSource source(Reconcilable row, String namespace, DataVolume existing) {
        VolumeSource s = row.desired().source();
        return switch (s.type()) {
            case IMAGE_URL -> DataVolumeSource.http(s.imageUrl());
            case REGISTRY -> DataVolumeSource.registry("docker://" + s.registry());
            case SNAPSHOT -> existing != null && existing.getSpec() != null && existing.getSpec().source != null
                    && existing.getSpec().source.snapshot != null
                    ? existing.getSpec().source : snapshotSource(namespace, s.snapshot(), s.volume());
            case BLANK -> DataVolumeSource.blank();
        };
    }

    /** The CSI VolumeSnapshot KubeVirt took of {@code volume} in the snapshot's content; null while there is none. */
    DataVolumeSource snapshotSource(String namespace, String snapshot, String volume) {
        VirtualMachineSnapshot vms = cache.get(VirtualMachineSnapshot.class, namespace, snapshot);
        if (vms == null || vms.getStatus() == null || vms.getStatus().virtualMachineSnapshotContentName == null) {
            return null;
        }
        VirtualMachineSnapshotContent content = cluster.client().resources(VirtualMachineSnapshotContent.class)
                .inNamespace(namespace).withName(vms.getStatus().virtualMachineSnapshotContentName).get();
        if (content == null || content.getSpec() == null || content.getSpec().volumeBackups == null) {
            return null;
        }
        return content.getSpec().volumeBackups.stream()
                .filter(b -> (InstanceObjects.VOLUME_PREFIX + volume).equals(b.volumeName) && b.volumeSnapshotName != null)
                .findFirst().map(b -> DataVolumeSource.snapshot(namespace, b.volumeSnapshotName)).orElse(null);
    }
}
