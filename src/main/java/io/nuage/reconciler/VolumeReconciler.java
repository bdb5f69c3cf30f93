package io.nuage.reconciler;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.nuage.db.Sql;
import io.nuage.kubevirt.DataVolume;
import io.nuage.kubevirt.DataVolumeSource;
import io.nuage.kubevirt.TenantObjects;
import io.nuage.kubevirt.VolumeObjects;
import io.nuage.sla.Category;
import io.nuage.sla.Ledger;
import io.nuage.sla.Observation;
import io.nuage.sla.PhaseCategories;
import io.nuage.status.Condition;
import io.nuage.status.ConditionStatus;
import io.nuage.status.Conditions;
import io.nuage.storage.VolumePhase;
import io.nuage.storage.VolumeStatus;
import io.nuage.storage.VolumeStore;
import io.nuage.storage.VolumeStore.Reconcilable;
import io.nuage.storage.VolumeStore.Ref;
import io.nuage.work.WorkKind;

/**
 * A pass over a volume: the DataVolume CDI fills, and growth by expanding its PVC (CDI does not resize a
 * DataVolume); then the observed phase and progress go to the volume's status. Deleting the DataVolume
 * takes its PVC with it (owner reference).
 */
@Singleton
public class VolumeReconciler extends ResourceReconciler<Reconcilable, VolumeReconciler.StatusWrite> {

    private static final Logger LOG = Logger.getLogger(VolumeReconciler.class);

    record StatusWrite(UUID id, long generation, VolumeStatus status) {
    }

    private final VolumeStore store;
    private final VolumeSources sources;
    private final Ledger ledger;
    private final VolumeDataVolume dataVolume = new VolumeDataVolume();

    VolumeReconciler(VolumeStore store, Cluster cluster, ClusterCache cache, ClusterWrites writes, Ledger ledger, Clock clock) {
        super(WorkKind.VOLUME, cache, writes, clock);
        this.store = store;
        this.sources = new VolumeSources(cluster, cache);
        this.ledger = ledger;
    }

    /** CDI's PVC is read, and grown, never collected: it goes with its DataVolume. */
    @Override
    public List<Watched> watches() {
        return watches(List.of(dataVolume), new Watched(PersistentVolumeClaim.class, Map.of(), Orphans.KEPT, true));
    }

    @Override
    Map<UUID, Reconcilable> load(List<UUID> ids) {
        return each(ids, store::reconcilable);
    }

    @Override
    boolean deleting(Reconcilable row) {
        return row.deleting();
    }

    /** Deletes the DataVolume (its PVC goes with it); the row becomes a tombstone once the DataVolume is gone. */
    @Override
    Outcome delete(Reconcilable row) {
        ledger.observe(observation(row, Category.STOPPED, "Deletion requested"), row.recorded());
        DataVolume dv = own(row);
        if (dv != null && dv.getMetadata().getDeletionTimestamp() == null) {
            writes.delete(dv);
        }
        if (own(row) != null) {
            return Outcome.requeueAfter(1000); // finalizers still at work
        }
        store.tombstone(row.id(), clock.instant()).await().atMost(Sql.AWAIT);
        ledger.observe(observation(row, Category.DELETED, "Deleted"), row.recorded());
        return Outcome.DONE;
    }

    @Override
    Converged<Reconcilable> converge(Reconcilable row) {
        String namespace = namespace(row);
        DataVolume named = cache.get(DataVolume.class, namespace, row.name());
        if (named != null && !row.id().equals(ClusterCache.resourceId(named))) {
            return Converged.waiting(row, "NameInUse", "A DataVolume named '" + row.name()
                    + "' that is not this volume's still exists (an earlier volume's, being deleted?)", 2000);
        }
        DataVolume own = own(row);
        DataVolumeSource source = sources.source(row, namespace, own);
        if (source == null) {
            return Converged.waiting(row, "SnapshotNotReady", "Waiting for the content of snapshot '"
                    + row.desired().source().snapshot() + "'", 2000);
        }
        dataVolume.converge(writes, new VolumeDataVolume.Model(row, namespace, source, own));
        expand(namespace, row);
        return Converged.applied(row);
    }

    /** A volume grows by asking its PVC for more; the storage driver does the rest. */
    private void expand(String namespace, Reconcilable row) {
        int sizeGib = row.desired().sizeGib();
        PersistentVolumeClaim pvc = cache.get(PersistentVolumeClaim.class, namespace, row.name());
        long requested = VolumeObjects.requestedBytes(pvc);
        if (pvc == null || requested < 0 || requested >= VolumeObjects.bytes(sizeGib)) {
            return;
        }
        PersistentVolumeClaim grown = new PersistentVolumeClaimBuilder(pvc).editSpec().editResources()
                .addToRequests("storage", VolumeObjects.size(sizeGib)).endResources().endSpec().build();
        writes.replace(pvc, grown);
        LOG.debugf("PVC %s/%s expanded to %d GiB", namespace, row.name(), sizeGib);
    }

    @Override
    StatusWrite observe(Reconcilable row, Reconcilable after, Condition synced) {
        VolumePhases.Observed observed = VolumePhases.observe(own(row));
        List<Condition> conditions = new ArrayList<>();
        boolean ready = observed.phase() == VolumePhase.READY;
        conditions.add(new Condition("Ready", ConditionStatus.of(ready), Conditions.reasonOf(observed.phase().key()), observed.message(), null));
        conditions.add(synced);
        int sizeGib = row.desired().sizeGib();
        long capacity = VolumeObjects.capacityBytes(cache.get(PersistentVolumeClaim.class, namespace(row), row.name()));
        if (capacity >= 0 && capacity < VolumeObjects.bytes(sizeGib)) {
            conditions.add(new Condition("Resizing", ConditionStatus.TRUE, "ExpansionInProgress",
                    "Growing to " + sizeGib + " GiB", null));
        }
        String message = synced.status() == ConditionStatus.FALSE ? synced.message() : observed.message();
        VolumeStatus status = new VolumeStatus(observed.phase(), observed.progress(), message, null,
                Conditions.withTransitionTimes(row.status().conditions(), conditions, clock.instant().truncatedTo(ChronoUnit.SECONDS)),
                row.generation());
        ledger.observe(observation(row, PhaseCategories.volume(status.phase().key()), status.message()), row.recorded());
        return status.equals(row.status()) ? null : new StatusWrite(row.id(), row.generation(), status);
    }

    @Override
    void write(List<StatusWrite> statuses) {
        statuses.forEach(s -> store.writeStatus(s.id(), s.generation(), s.status()).await().atMost(Sql.AWAIT));
    }

    /**
     * The volume's DataVolume, or null. One of the same name made for another volume (an earlier one, deleted but
     * still finishing) is not this volume's: it is neither read nor changed.
     */
    private DataVolume own(Reconcilable row) {
        DataVolume dv = cache.get(DataVolume.class, namespace(row), row.name());
        return dv != null && row.id().equals(ClusterCache.resourceId(dv)) ? dv : null;
    }

    private static String namespace(Reconcilable row) {
        return TenantObjects.namespaceName(row.ref().tenant());
    }

    /** Storage is billed by the size asked for, from creation to deletion. */
    private Observation observation(Reconcilable row, Category category, String reason) {
        Ref ref = row.ref();
        return new Observation(ref.id(), ref.tenantId(), Observation.Kind.VOLUME, ref.name(), null, ref.createdAt(),
                clock.instant(), category, reason, false, new Observation.Sizes(0, 0, row.desired().sizeGib()),
                ObservationGap.since(row.status().conditions()));
    }
}
