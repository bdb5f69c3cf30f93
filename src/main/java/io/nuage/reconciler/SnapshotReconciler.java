package io.nuage.reconciler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nuage.status.Condition;
import io.nuage.status.Conditions;
import io.nuage.work.WorkKind;
import io.nuage.kubevirt.InstanceObjects;
import io.nuage.kubevirt.SnapshotObjects;
import io.nuage.kubevirt.TenantObjects;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.kubevirt.VirtualMachineRestore;
import io.nuage.kubevirt.VirtualMachineSnapshot;
import io.nuage.storage.Snapshot;
import io.nuage.storage.SnapshotStore;
import io.nuage.storage.SnapshotStore.Reconcilable;

/**
 * One pass for one snapshot: its VirtualMachineSnapshot, and a VirtualMachineRestore for the
 * last restore asked for; then what KubeVirt reports goes to the snapshot's status.
 */
@Singleton
public class SnapshotReconciler implements KindReconciler {

    private static final Duration DB = Duration.ofSeconds(30);

    private final SnapshotStore store;
    private final ClusterCache cache;
    private final ClusterWrites writes;
    private final Clock clock;

    SnapshotReconciler(SnapshotStore store, ClusterCache cache, ClusterWrites writes, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.writes = writes;
        this.clock = clock;
    }

    @Override
    public WorkKind kind() {
        return WorkKind.SNAPSHOT;
    }

    @Override
    public List<Watched> watches() {
        return List.of(new Watched(VirtualMachineSnapshot.class, Map.of(), true),
                new Watched(VirtualMachineRestore.class, Map.of(), true));
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
        int restoresDone = row.restoresDone();
        Snapshot.Restore restore = row.status().restore();
        try {
            VirtualMachineSnapshot named = cache.get(VirtualMachineSnapshot.class, namespace, row.name());
            if (named != null && !row.id().equals(ClusterCache.resourceId(named))) {
                return Outcome.requeueAfter(2000); // an earlier snapshot's object of this name is still going away
            }
            if (named == null && !row.instanceGone()) {
                if (cache.get(VirtualMachine.class, namespace, row.instance()) == null) {
                    return Outcome.requeueAfter(1000); // a snapshot of a VM not made yet would fail for good
                }
                VirtualMachineSnapshot desired = SnapshotObjects.snapshot(row.id(), row.tenant(), namespace, row.name(), row.instance());
                writes.create(desired);
            }
            if (row.restoresRequested() > row.restoresDone()) {
                String restoreName = SnapshotObjects.restoreName(row.name(), row.restoresRequested());
                VirtualMachineRestore r = own(VirtualMachineRestore.class, row, namespace, restoreName);
                if (r == null && cache.get(VirtualMachineRestore.class, namespace, restoreName) != null) {
                    return Outcome.requeueAfter(2000); // an earlier snapshot's restore of this name is still going away
                }
                if (r == null) {
                    writes.create(SnapshotObjects.restore(row.id(), row.tenant(), namespace, row.name(), row.instance(),
                            row.restoresRequested()));
                    restore = new Snapshot.Restore("in_progress", null);
                } else {
                    restore = restoreOf(r);
                    if (!"in_progress".equals(restore.phase())) {
                        restoresDone = row.restoresRequested();
                    }
                }
            }
        } catch (KubernetesClientException e) {
            if (KubernetesErrors.isWriteConflict(e)) {
                return Outcome.requeueAfter(0);
            }
            write(row, status(row, namespace, KubernetesErrors.syncFailed(e), restore), restoresDone);
            throw e;
        }
        write(row, status(row, namespace, synced, restore), restoresDone);
        return Outcome.DONE;
    }

    /** The named object if it was made for this snapshot; one left by an earlier snapshot of the same name is not. */
    private <T extends io.fabric8.kubernetes.api.model.HasMetadata> T own(Class<T> type, Reconcilable row, String namespace,
            String name) {
        T o = cache.get(type, namespace, name);
        return o != null && row.id().equals(ClusterCache.resourceId(o)) ? o : null;
    }

    private Outcome delete(Reconcilable row, String namespace) {
        for (VirtualMachineRestore r : cache.all(VirtualMachineRestore.class)) {
            if (row.id().equals(ClusterCache.resourceId(r)) && namespace.equals(r.getMetadata().getNamespace())) {
                writes.delete(r);
            }
        }
        VirtualMachineSnapshot snapshot = own(VirtualMachineSnapshot.class, row, namespace, row.name());
        if (snapshot != null && snapshot.getMetadata().getDeletionTimestamp() == null) {
            writes.delete(snapshot);
        }
        if (own(VirtualMachineSnapshot.class, row, namespace, row.name()) != null) {
            return Outcome.requeueAfter(1000); // finalizers still at work
        }
        store.tombstone(row.id(), clock.instant()).await().atMost(DB);
        return Outcome.DONE;
    }

    private Snapshot.Status status(Reconcilable row, String namespace, Condition synced, Snapshot.Restore restore) {
        VirtualMachineSnapshot s = own(VirtualMachineSnapshot.class, row, namespace, row.name());
        String phase;
        String message = null;
        List<String> volumes = new ArrayList<>();
        if (s == null || s.getStatus() == null) {
            phase = s == null && row.instanceGone() ? Snapshot.FAILED : Snapshot.PENDING;
            message = s == null && row.instanceGone() ? "Instance '" + row.instance() + "' was deleted before the snapshot was taken" : null;
        } else if (Boolean.TRUE.equals(s.getStatus().readyToUse)) {
            phase = Snapshot.READY;
        } else if ("Failed".equals(s.getStatus().phase)) {
            phase = Snapshot.FAILED;
            message = s.getStatus().error != null ? s.getStatus().error.message : "KubeVirt reports the snapshot Failed";
        } else {
            phase = "InProgress".equals(s.getStatus().phase) ? Snapshot.IN_PROGRESS : Snapshot.PENDING;
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
        conditions.add(new Condition("Ready", Snapshot.READY.equals(phase) ? "True" : "False", Conditions.reasonOf(phase),
                message, null));
        conditions.add(synced);
        if (synced.status().equals("False")) {
            message = synced.message();
        }
        return new Snapshot.Status(phase, message, volumes, restore,
                Conditions.withTransitionTimes(row.status().conditions(), conditions, clock.instant().truncatedTo(ChronoUnit.SECONDS)),
                row.generation());
    }

    /** A restore is complete when KubeVirt says so, failed when its Ready condition says Failed. */
    private Snapshot.Restore restoreOf(VirtualMachineRestore r) {
        if (r.getStatus() != null && Boolean.TRUE.equals(r.getStatus().complete)) {
            Instant at = r.getStatus().restoreTime == null ? clock.instant().truncatedTo(ChronoUnit.SECONDS)
                    : Instant.parse(r.getStatus().restoreTime);
            return new Snapshot.Restore("complete", at);
        }
        boolean failed = r.getStatus() != null && r.getStatus().conditions != null && r.getStatus().conditions.stream()
                .anyMatch(c -> "Failure".equals(c.type) && "True".equals(c.status));
        return new Snapshot.Restore(failed ? "failed" : "in_progress", null);
    }

    private void write(Reconcilable row, Snapshot.Status status, int restoresDone) {
        if (!status.equals(row.status()) || restoresDone != row.restoresDone()) {
            store.writeStatus(row.id(), row.generation(), status, restoresDone).await().atMost(DB);
        }
    }
}
