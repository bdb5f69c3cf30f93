package io.nuage.reconciler;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;

import io.nuage.compute.InstanceType;
import io.nuage.compute.InstanceTypeStore;
import io.nuage.compute.InstanceTypeStore.Reconcilable;
import io.nuage.db.Sql;
import io.nuage.kubevirt.InstanceTypeObjects;
import io.nuage.kubevirt.Labels;
import io.nuage.kubevirt.VirtualMachineClusterInstancetype;
import io.nuage.status.Condition;
import io.nuage.status.ConditionStatus;
import io.nuage.status.Conditions;
import io.nuage.work.WorkKind;

/** A pass over an instance type of the catalog: its cluster-wide VirtualMachineClusterInstancetype, then its status. */
@Singleton
public class InstanceTypeReconciler extends ResourceReconciler<Reconcilable, InstanceTypeReconciler.StatusWrite> {

    record StatusWrite(UUID id, long generation, InstanceType.Status status) {
    }

    private final InstanceTypeStore store;
    private final ClusterObject object;

    InstanceTypeReconciler(InstanceTypeStore store, ClusterCache cache, ClusterWrites writes, Installation installation, Clock clock) {
        super(WorkKind.INSTANCE_TYPE, cache, writes, clock);
        this.store = store;
        this.object = new ClusterObject(installation);
    }

    @Override
    public List<Watched> watches() {
        return watches(List.of(object));
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
        object.delete(writes, row.type());
        store.tombstone(row.type().id(), clock.instant()).await().atMost(Sql.AWAIT);
        return Outcome.DONE;
    }

    @Override
    Converged<Reconcilable> converge(Reconcilable row) {
        object.converge(writes, row.type());
        return Converged.applied(row);
    }

    /** Ready once the object exists: KubeVirt gives it no status. */
    @Override
    StatusWrite observe(Reconcilable row, Reconcilable after, Condition synced) {
        InstanceType t = row.type();
        boolean exists = cache.get(VirtualMachineClusterInstancetype.class, null, object.name(t)) != null;
        Condition ready = exists ? new Condition("Ready", ConditionStatus.TRUE, "Ready", null, null)
                : new Condition("Ready", ConditionStatus.FALSE, "Pending", "The VirtualMachineClusterInstancetype does not exist yet", null);
        String message = synced.status() == ConditionStatus.FALSE ? synced.message() : ready.message();
        InstanceType.Status status = new InstanceType.Status(exists ? "ready" : "pending", message,
                Conditions.withTransitionTimes(t.status().conditions(), List.of(ready, synced), clock.instant().truncatedTo(ChronoUnit.SECONDS)),
                t.generation());
        return status.equals(t.status()) ? null : new StatusWrite(t.id(), t.generation(), status);
    }

    @Override
    void write(List<StatusWrite> statuses) {
        statuses.forEach(s -> store.writeStatus(s.id(), s.generation(), s.status()).await().atMost(Sql.AWAIT));
    }

    /** The cluster-scoped object; named after the installation too, so that installations sharing a cluster never meet. */
    static final class ClusterObject extends Dependent<InstanceType, VirtualMachineClusterInstancetype> {
        private final Installation installation;

        ClusterObject(Installation installation) {
            super(VirtualMachineClusterInstancetype.class, Map.of(Labels.KIND, InstanceTypeObjects.KIND), Orphans.DELETED, t -> null);
            this.installation = installation;
        }

        @Override
        VirtualMachineClusterInstancetype desired(InstanceType t) {
            return InstanceTypeObjects.instancetype(name(t), t.id(), t.vcpus(), t.memoryMib(), t.dedicatedCpus());
        }

        @Override
        String name(InstanceType t) {
            return InstanceTypeObjects.objectName(installation.id(), t.name());
        }

        @Override
        boolean matches(InstanceType t, VirtualMachineClusterInstancetype want, VirtualMachineClusterInstancetype have) {
            return InstanceTypeObjects.matches(want, have);
        }
    }
}
