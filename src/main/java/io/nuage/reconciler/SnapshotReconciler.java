package io.nuage.reconciler;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.nuage.db.Sql;
import io.nuage.kubevirt.InstanceObjects;
import io.nuage.kubevirt.TenantObjects;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.kubevirt.VirtualMachineRestore;
import io.nuage.kubevirt.VirtualMachineSnapshot;
import io.nuage.status.Condition;
import io.nuage.status.ConditionStatus;
import io.nuage.status.Conditions;
import io.nuage.storage.RestorePhase;
import io.nuage.storage.Snapshot;
import io.nuage.storage.SnapshotPhase;
import io.nuage.storage.SnapshotStore;
import io.nuage.storage.SnapshotStore.Reconcilable;
import io.nuage.work.WorkKind;

/**
 * A pass over a snapshot: its VirtualMachineSnapshot, and a VirtualMachineRestore for the last restore asked
 * for; then what KubeVirt reports goes to the snapshot's status. Both are made once and never changed.
 */
@Singleton
public class SnapshotReconciler extends ResourceReconciler<Reconcilable, SnapshotReconciler.StatusWrite> {

    record StatusWrite(UUID id, long generation, Snapshot.Status status, int restoresDone) {
    }

    private final SnapshotStore store;
    private final SnapshotDependents.Snapshots snapshots = new SnapshotDependents.Snapshots();
    private final SnapshotDependents.Restores restores = new SnapshotDependents.Restores();

    SnapshotReconciler(SnapshotStore store, ClusterCache cache, ClusterWrites writes, Clock clock) {
        super(WorkKind.SNAPSHOT, cache, writes, clock);
        this.store = store;
    }

    @Override
    public List<Watched> watches() {
        return watches(List.of(snapshots, restores));
    }

    @Override
    Map<UUID, Reconcilable> load(List<UUID> ids) {
        return each(ids, store::reconcilable);
    }

    @Override
    boolean deleting(Reconcilable row) {
        return row.deleting();
    }

    @Override
    Outcome delete(Reconcilable row) {
        String namespace = namespace(row);
        for (VirtualMachineRestore r : cache.all(VirtualMachineRestore.class)) {
            if (row.id().equals(ClusterCache.resourceId(r)) && namespace.equals(r.getMetadata().getNamespace())) {
                writes.delete(r);
            }
        }
        VirtualMachineSnapshot snapshot = own(VirtualMachineSnapshot.class, row, row.name());
        if (snapshot != null && snapshot.getMetadata().getDeletionTimestamp() == null) {
            writes.delete(snapshot);
        }
        if (own(VirtualMachineSnapshot.class, row, row.name()) != null) {
            return Outcome.requeueAfter(1000); // finalizers still at work
        }
        store.tombstone(row.id(), clock.instant()).await().atMost(Sql.AWAIT);
        return Outcome.DONE;
    }

    @Override
    Converged<Reconcilable> converge(Reconcilable row) {
        String namespace = namespace(row);
        VirtualMachineSnapshot named = cache.get(VirtualMachineSnapshot.class, namespace, row.name());
        if (named != null && !row.id().equals(ClusterCache.resourceId(named))) {
            return Converged.later(row, 2000); // an earlier snapshot's object of this name is still going away
        }
        if (named == null && !row.instanceGone()) {
            if (cache.get(VirtualMachine.class, namespace, row.instance()) == null) {
                return Converged.later(row, 1000); // a snapshot of a VM not made yet would fail for good
            }
            snapshots.converge(writes, row);
        }
        if (row.restoresRequested() <= row.restoresDone()) {
            return Converged.applied(row);
        }
        String restoreName = restores.name(row);
        VirtualMachineRestore r = own(VirtualMachineRestore.class, row, restoreName);
        if (r == null && cache.get(VirtualMachineRestore.class, namespace, restoreName) != null) {
            return Converged.later(row, 2000); // an earlier snapshot's restore of this name is still going away
        }
        if (r == null) {
            restores.converge(writes, row);
            return Converged.applied(row.withRestore(new Snapshot.Restore(RestorePhase.IN_PROGRESS, null), row.restoresDone()));
        }
        Snapshot.Restore restore = restoreOf(r);
        return Converged.applied(row.withRestore(restore,
                restore.phase() == RestorePhase.IN_PROGRESS ? row.restoresDone() : row.restoresRequested()));
    }

    @Override
    StatusWrite observe(Reconcilable row, Reconcilable after, Condition synced) {
        VirtualMachineSnapshot s = own(VirtualMachineSnapshot.class, row, row.name());
        SnapshotPhase phase;
        String message = null;
        List<String> volumes = new ArrayList<>();
        if (s == null || s.getStatus() == null) {
            phase = s == null && row.instanceGone() ? SnapshotPhase.FAILED : SnapshotPhase.PENDING;
            message = s == null && row.instanceGone() ? "Instance '" + row.instance() + "' was deleted before the snapshot was taken" : null;
        } else if (Boolean.TRUE.equals(s.getStatus().readyToUse)) {
            phase = SnapshotPhase.READY;
        } else if ("Failed".equals(s.getStatus().phase)) {
            phase = SnapshotPhase.FAILED;
            message = s.getStatus().error != null ? s.getStatus().error.message : "KubeVirt reports the snapshot Failed";
        } else {
            phase = "InProgress".equals(s.getStatus().phase) ? SnapshotPhase.IN_PROGRESS : SnapshotPhase.PENDING;
        }
        if (s != null && s.getStatus() != null && s.getStatus().snapshotVolumes != null
                && s.getStatus().snapshotVolumes.includedVolumes != null) {
            for (String v : s.getStatus().snapshotVolumes.includedVolumes) {
                if (v.startsWith(InstanceObjects.VOLUME_PREFIX)) {
                    volumes.add(v.substring(InstanceObjects.VOLUME_PREFIX.length()));
                }
            }
        }
        List<Condition> conditions = new ArrayList<>();
        conditions.add(new Condition("Ready", ConditionStatus.of(phase == SnapshotPhase.READY), Conditions.reasonOf(phase.key()),
                message, null));
        conditions.add(synced);
        if (synced.status() == ConditionStatus.FALSE) {
            message = synced.message();
        }
        Snapshot.Status status = new Snapshot.Status(phase, message, volumes, after.status().restore(),
                Conditions.withTransitionTimes(row.status().conditions(), conditions, clock.instant().truncatedTo(ChronoUnit.SECONDS)),
                row.generation());
        return status.equals(row.status()) && after.restoresDone() == row.restoresDone() ? null
                : new StatusWrite(row.id(), row.generation(), status, after.restoresDone());
    }

    @Override
    void write(List<StatusWrite> statuses) {
        statuses.forEach(s -> store.writeStatus(s.id(), s.generation(), s.status(), s.restoresDone()).await().atMost(Sql.AWAIT));
    }

    /** A restore is complete when KubeVirt says so, failed when its Ready condition says Failed. */
    private Snapshot.Restore restoreOf(VirtualMachineRestore r) {
        if (r.getStatus() != null && Boolean.TRUE.equals(r.getStatus().complete)) {
            Instant at = r.getStatus().restoreTime == null ? clock.instant().truncatedTo(ChronoUnit.SECONDS)
                    : Instant.parse(r.getStatus().restoreTime);
            return new Snapshot.Restore(RestorePhase.COMPLETE, at);
        }
        boolean failed = r.getStatus() != null && r.getStatus().conditions != null && r.getStatus().conditions.stream()
                .anyMatch(c -> "Failure".equals(c.type) && "True".equals(c.status));
        return new Snapshot.Restore(failed ? RestorePhase.FAILED : RestorePhase.IN_PROGRESS, null);
    }

    /** The named object if it was made for this snapshot; one left by an earlier snapshot of the same name is not. */
    private <T extends HasMetadata> T own(Class<T> type, Reconcilable row, String name) {
        T o = cache.get(type, namespace(row), name);
        return o != null && row.id().equals(ClusterCache.resourceId(o)) ? o : null;
    }

    private static String namespace(Reconcilable row) {
        return TenantObjects.namespaceName(row.tenant());
    }
}
