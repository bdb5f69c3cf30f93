package io.nuage.reconciler;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nuage.status.Condition;
import io.nuage.status.Conditions;
import io.nuage.work.WorkKind;
import io.nuage.kubevirt.DataVolume;
import io.nuage.kubevirt.DataVolumeSource;
import io.nuage.kubevirt.DesiredVolume;
import io.nuage.kubevirt.InstanceObjects;
import io.nuage.kubevirt.TenantObjects;
import io.nuage.kubevirt.VirtualMachineSnapshot;
import io.nuage.kubevirt.VirtualMachineSnapshotContent;
import io.nuage.kubevirt.VolumeObjects;
import io.nuage.storage.VolumeSource;
import io.nuage.storage.VolumeStatus;
import io.nuage.storage.VolumeStore;
import io.nuage.sla.Category;
import io.nuage.sla.Ledger;
import io.nuage.sla.Observation;
import io.nuage.sla.PhaseCategories;
import io.nuage.storage.VolumeStore.Reconcilable;

/**
 * One level-triggered pass for one volume: the DataVolume CDI fills, and growth by expanding
 * its PVC (CDI does not resize a DataVolume); then the observed phase and progress go to the
 * volume's status. Deleting the DataVolume takes its PVC with it (owner reference).
 */
@Singleton
public class VolumeReconciler implements KindReconciler {

    private static final Logger LOG = Logger.getLogger(VolumeReconciler.class);
    private static final Duration DB = Duration.ofSeconds(30);

    private final VolumeStore store;
    private final Cluster cluster;
    private final ClusterCache cache;
    private final ClusterWrites writes;
    private final Ledger ledger;
    private final Clock clock;

    VolumeReconciler(VolumeStore store, Cluster cluster, ClusterCache cache, ClusterWrites writes, Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.store = store;
        this.cluster = cluster;
        this.cache = cache;
        this.writes = writes;
        this.clock = clock;
    }

    @Override
    public WorkKind kind() {
        return WorkKind.VOLUME;
    }

    /** The DataVolume is ours to collect when orphaned; CDI's PVC goes with it. */
    @Override
    public List<Watched> watches() {
        return List.of(new Watched(DataVolume.class, Map.of(), true),
                new Watched(PersistentVolumeClaim.class, Map.of(), false));
    }


    @Override
    public Outcome reconcile(UUID id) {
        Reconcilable row = store.reconcilable(id).await().atMost(DB);
        if (row == null) {
            return Outcome.DONE;
        }
        String namespace = TenantObjects.namespaceName(row.tenant());
        if (row.deleting()) {
            return delete(row, namespace);
        }
        Condition synced = new Condition("Synced", "True", "Applied", null, null);
        DataVolume named = cache.get(DataVolume.class, namespace, row.name());
        if (named != null && !row.id().equals(ClusterCache.resourceId(named))) {
            writeStatus(row, observe(row, namespace, new Condition("Synced", "False", "NameInUse", "A DataVolume named '"
                    + row.name() + "' that is not this volume's still exists (an earlier volume's, being deleted?)", null)));
            return Outcome.requeueAfter(2000);
        }
        try {
            DataVolumeSource source = source(row, namespace);
            if (source == null) {
                writeStatus(row, observe(row, namespace, new Condition("Synced", "False", "SnapshotNotReady",
                        "Waiting for the content of snapshot '" + row.source().snapshot() + "'", null)));
                return Outcome.requeueAfter(2000);
            }
            DataVolume desired = VolumeObjects.dataVolume(new DesiredVolume(row.id(), row.tenant(), namespace, row.name(),
                    row.sizeGib(), row.storageClass(), source));
            DataVolume actual = own(row, namespace);
            if (actual != null && actual.getSpec() != null && actual.getSpec().storage != null) {
                // A DataVolume keeps the size it was made with: growth goes to its PVC (CDI does not resize DataVolumes).
                desired.getSpec().storage.resources = actual.getSpec().storage.resources;
            }
            writes.converge(desired, VolumeObjects::specMatches);
            expand(namespace, row);
        } catch (KubernetesClientException e) {
            if (KubernetesErrors.isWriteConflict(e)) {
                return Outcome.requeueAfter(0); // someone wrote first: read again and redo the pass
            }
            writeStatus(row, observe(row, namespace, KubernetesErrors.syncFailed(e)));
            throw e;
        }
        writeStatus(row, observe(row, namespace, synced));
        return Outcome.DONE;
    }

    /**
     * The DataVolume's source. A volume from a snapshot restores the CSI VolumeSnapshot KubeVirt
     * took of that volume, found in the snapshot's content; once the DataVolume exists its source
     * is kept, so deleting the snapshot afterwards changes nothing. Null while the content is not there.
     */
    private DataVolumeSource source(Reconcilable row, String namespace) {
        VolumeSource s = row.source();
        return switch (s.type()) {
            case VolumeSource.IMAGE_URL -> DataVolumeSource.http(s.imageUrl());
            case VolumeSource.REGISTRY -> DataVolumeSource.registry("docker://" + s.registry());
            case VolumeSource.SNAPSHOT -> {
                DataVolume existing = own(row, namespace);
                yield existing != null && existing.getSpec() != null && existing.getSpec().source != null
                        && existing.getSpec().source.snapshot != null
                        ? existing.getSpec().source : snapshotSource(namespace, s.snapshot(), s.volume());
            }
            default -> DataVolumeSource.blank();
        };
    }

    private DataVolumeSource snapshotSource(String namespace, String snapshot, String volume) {
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

    /**
     * The volume's DataVolume, or null. One of the same name made for another volume (an earlier
     * one, deleted but still finishing) is not this volume's: it is neither read nor changed.
     */
    private DataVolume own(Reconcilable row, String namespace) {
        DataVolume dv = cache.get(DataVolume.class, namespace, row.name());
        return dv != null && row.id().equals(ClusterCache.resourceId(dv)) ? dv : null;
    }

    /** A volume grows by asking its PVC for more; the storage driver does the rest. */
    private void expand(String namespace, Reconcilable row) {
        PersistentVolumeClaim pvc = cache.get(PersistentVolumeClaim.class, namespace, row.name());
        long requested = VolumeObjects.requestedBytes(pvc);
        if (pvc == null || requested < 0 || requested >= VolumeObjects.bytes(row.sizeGib())) {
            return;
        }
        PersistentVolumeClaim grown = new PersistentVolumeClaimBuilder(pvc).editSpec().editResources()
                .addToRequests("storage", VolumeObjects.size(row.sizeGib())).endResources().endSpec().build();
        writes.replace(pvc, grown);
        LOG.debugf("PVC %s/%s expanded to %d GiB", namespace, row.name(), row.sizeGib());
    }

    /** Deletes the DataVolume (its PVC goes with it); the row becomes a tombstone once the DataVolume is gone. */
    private Outcome delete(Reconcilable row, String namespace) {
        ledger.observe(observation(row, Category.STOPPED, "Deletion requested"), row.recorded());
        DataVolume dv = own(row, namespace);
        if (dv != null && dv.getMetadata().getDeletionTimestamp() == null) {
            writes.delete(dv);
        }
        if (own(row, namespace) != null) {
            return Outcome.requeueAfter(1000); // finalizers still at work
        }
        store.tombstone(row.id(), clock.instant()).await().atMost(DB);
        ledger.observe(observation(row, Category.DELETED, "Deleted"), row.recorded());
        return Outcome.DONE;
    }

    private VolumeStatus observe(Reconcilable row, String namespace, Condition synced) {
        VolumePhases.Observed observed = VolumePhases.observe(own(row, namespace));
        List<Condition> conditions = new ArrayList<>();
        boolean ready = VolumeStatus.READY.equals(observed.phase());
        conditions.add(new Condition("Ready", ready ? "True" : "False", Conditions.reasonOf(observed.phase()), observed.message(), null));
        conditions.add(synced);
        long capacity = VolumeObjects.capacityBytes(cache.get(PersistentVolumeClaim.class, namespace, row.name()));
        if (capacity >= 0 && capacity < VolumeObjects.bytes(row.sizeGib())) {
            conditions.add(new Condition("Resizing", "True", "ExpansionInProgress",
                    "Growing to " + row.sizeGib() + " GiB", null));
        }
        String message = synced.status().equals("False") ? synced.message() : observed.message();
        return new VolumeStatus(observed.phase(), observed.progress(), message, null,
                Conditions.withTransitionTimes(row.status().conditions(), conditions,
                        clock.instant().truncatedTo(ChronoUnit.SECONDS)),
                row.generation());
    }

    private void writeStatus(Reconcilable row, VolumeStatus status) {
        ledger.observe(observation(row, PhaseCategories.volume(status.phase()), status.message()), row.recorded());
        if (!status.equals(row.status())) {
            store.writeStatus(row.id(), row.generation(), status).await().atMost(DB);
        }
    }

    /** Storage is billed by the size asked for, from creation to deletion. */
    private Observation observation(Reconcilable row, Category category, String reason) {
        return new Observation(row.id(), row.tenantId(), Observation.Kind.VOLUME, row.name(), null, row.createdAt(),
                clock.instant(), category, reason, false, new Observation.Sizes(0, 0, row.sizeGib()));
    }
}
