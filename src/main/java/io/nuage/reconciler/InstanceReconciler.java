package io.nuage.reconciler;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.nuage.compute.AttachmentStore;
import io.nuage.compute.InstanceRows;
import io.nuage.compute.InstanceRows.Reconcilable;
import io.nuage.compute.InstanceRows.StatusWrite;
import io.nuage.compute.InstanceStatus;
import io.nuage.db.Sql;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.nuage.kubevirt.DesiredInstance;
import io.nuage.kubevirt.InstanceObjects;
import io.nuage.kubevirt.VolumeObjects;
import io.nuage.kubevirt.InstanceTypeObjects;
import io.nuage.kubevirt.TenantObjects;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.kubevirt.VirtualMachineInstance;
import io.nuage.platform.NuageConfig;
import io.nuage.sla.Category;
import io.nuage.sla.Ledger;
import io.nuage.sla.PhaseCategories;
import io.nuage.status.Condition;
import io.nuage.work.WorkKind;

/**
 * A pass over an instance: its Secrets and VirtualMachine from the database, a restart when one was asked for,
 * then its status and its volumes' attachment states from what KubeVirt reports.
 */
@Singleton
public class InstanceReconciler extends ResourceReconciler<Reconcilable, StatusWrite> {

    private static final Logger LOG = Logger.getLogger(InstanceReconciler.class);

    private final InstanceRows rows;
    private final AttachmentObserver attachments;
    private final Ledger ledger;
    private final List<Dependent<DesiredInstance, ?>> dependents;
    /** Guest users whose keys the guest agent keeps current, for instances that name SSH keys. */
    private final List<String> keyUsers;
    private final Installation installation;

    InstanceReconciler(InstanceRows rows, AttachmentStore attachments, ClusterCache cache, ClusterWrites writes, Ledger ledger,
            Clock clock, NuageConfig config, Installation installation) {
        super(WorkKind.INSTANCE, cache, writes, clock);
        this.installation = installation;
        this.keyUsers = config.instances().sshKeyUsers();
        this.rows = rows;
        this.attachments = new AttachmentObserver(attachments);
        this.ledger = ledger;
        this.dependents = InstanceDependents.all(cache);
    }

    /** The VMI is read, never written but to restart it: it goes with its VM (owner reference). */
    @Override
    public List<Watched> watches() {
        return watches(dependents, new Watched(VirtualMachineInstance.class, Map.of(), Orphans.KEPT));
    }

    @Override
    Map<UUID, Reconcilable> load(List<UUID> ids) {
        return rows.reconcilable(ids).await().atMost(Sql.AWAIT);
    }

    @Override
    boolean deleting(Reconcilable row) {
        return row.deleting();
    }

    @Override
    Outcome delete(Reconcilable row) {
        ledger.observe(InstanceObservations.observation(row, Category.STOPPED, "Deletion requested", false, null, clock.instant()),
                row.recorded());
        DesiredInstance desired = desired(row);
        dependents.forEach(d -> d.delete(writes, desired));
        if (vmi(row) != null) {
            return Outcome.requeueAfter(1000); // KubeVirt is still stopping the guest
        }
        rows.tombstone(row.id(), clock.instant()).await().atMost(Sql.AWAIT);
        ledger.observe(InstanceObservations.observation(row, Category.DELETED, "Deleted", false, null, clock.instant()),
                row.recorded());
        LOG.debugf("instance %s/%s deleted", row.ref().tenant(), row.name());
        return Outcome.DONE;
    }

    /** A restart replaces the running VirtualMachineInstance; KubeVirt starts a fresh one. */
    @Override
    Converged<Reconcilable> converge(Reconcilable row) {
        DesiredInstance desired = desired(row);
        dependents.forEach(d -> d.converge(writes, desired));
        growBootDisk(desired);
        if (!row.restarts().pending()) {
            return Converged.applied(row);
        }
        VirtualMachineInstance vmi = vmi(row);
        if (vmi != null) {
            writes.delete(vmi); // recorded: the passes that follow see it gone, never the old guest still up
        }
        return Converged.applied(row.withRestartsDone(row.restarts().requested()));
    }

    /**
     * A boot disk grows as a volume does, by asking its PVC for more (KubeVirt makes the DataVolume once, from the VM's
     * template, and never resizes it). Its PVC is in the cache once CDI made it: until then there is nothing to grow,
     * and the template already asks for the new size.
     */
    private void growBootDisk(DesiredInstance d) {
        if (d.boot() == null) {
            return;
        }
        String name = InstanceObjects.bootDiskName(d.name());
        PersistentVolumeClaim pvc = cache.get(PersistentVolumeClaim.class, d.namespace(), name);
        long requested = VolumeObjects.requestedBytes(pvc);
        if (pvc == null || requested < 0 || requested >= VolumeObjects.bytes(d.boot().sizeGib())) {
            return;
        }
        writes.replace(pvc, new PersistentVolumeClaimBuilder(pvc).editSpec().editResources()
                .addToRequests("storage", VolumeObjects.size(d.boot().sizeGib())).endResources().endSpec().build());
    }

    /**
     * The ledger hears every observation (it ignores those that change nothing); a restart this pass asked for is the
     * tenant's doing, not downtime.
     */
    @Override
    StatusWrite observe(Reconcilable loaded, Reconcilable after, Condition synced) {
        VirtualMachineInstance vmi = vmi(loaded);
        InstanceStatus status = InstanceObservations.status(loaded, cache.get(VirtualMachine.class, namespace(loaded), loaded.name()),
                vmi, synced, clock.instant());
        boolean restarted = after.restarts().done() > loaded.restarts().done();
        ledger.observe(InstanceObservations.observation(loaded, PhaseCategories.instance(status.phase().key(), loaded.desired().running()),
                restarted ? "Restart requested" : status.message(), restarted, vmi, clock.instant()), loaded.recorded());
        if (status.equals(loaded.status()) && !restarted) {
            return null;
        }
        return new StatusWrite(loaded.id(), loaded.generation(), status, after.restarts().done());
    }

    @Override
    void write(List<StatusWrite> statuses) {
        rows.writeStatuses(statuses).await().atMost(Sql.AWAIT);
    }

    @Override
    void converged(Reconcilable row) {
        attachments.record(row, vmi(row));
    }

    private DesiredInstance desired(Reconcilable row) {
        var d = row.desired();
        List<DesiredInstance.AttachedVolume> volumes = d.attachments().stream().filter(a -> !a.detaching())
                .map(a -> new DesiredInstance.AttachedVolume(a.volumeName(), a.hotplug())).toList();
        return new DesiredInstance(row.id(), row.ref().tenant(), namespace(row), row.name(), d.vcpus(), d.memoryMib(), d.image(),
                d.sshKeys(), d.namesKeys() ? keyUsers : List.of(), rows.openUserData(d.userDataSealed()), null, d.running(), d.nics(),
                volumes, d.instanceType() == null ? null : InstanceTypeObjects.objectName(installation.id(), d.instanceType()), d.boot(),
                row.ref().region());
    }

    private VirtualMachineInstance vmi(Reconcilable row) {
        return cache.get(VirtualMachineInstance.class, namespace(row), row.name());
    }

    private static String namespace(Reconcilable row) {
        return TenantObjects.namespaceName(row.ref().tenant());
    }
}
