package io.nuage.reconciler;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nuage.status.Condition;
import io.nuage.status.Conditions;
import io.nuage.compute.InstanceStatus;
import io.nuage.compute.InstanceStore;
import io.nuage.compute.InstanceStore.Reconcilable;
import io.nuage.compute.InstanceStore.StatusWrite;
import io.nuage.work.WorkKind;
import io.nuage.kubevirt.DesiredInstance;
import io.nuage.kubevirt.DesiredNic;
import io.nuage.kubevirt.InstanceObjects;
import io.nuage.kubevirt.TenantObjects;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.kubevirt.VirtualMachineInstance;
import io.nuage.kubevirt.VirtualMachineInstanceNetworkInterface;
import io.nuage.sla.Category;
import io.nuage.sla.Ledger;
import io.nuage.sla.Observation;
import io.nuage.sla.PhaseCategories;
import io.nuage.storage.AttachmentStore;
import io.nuage.storage.AttachmentStore.Attached;
import io.nuage.storage.Attachments;

/**
 * One level-triggered pass for one instance: recompute the desired VirtualMachine and
 * Secrets from the database, converge the cluster to them (writing nothing when they
 * already match), then read the observed state back into the instance's status.
 */
@Singleton
public class InstanceReconciler implements KindReconciler {

    private static final Logger LOG = Logger.getLogger(InstanceReconciler.class);
    private static final Duration DB = Duration.ofSeconds(30);

    private final InstanceStore store;
    private final AttachmentStore attachments;
    private final ClusterCache cache;
    private final ClusterWrites writes;
    private final Ledger ledger;
    private final Clock clock;
    /**
     * By namespace/name: the VirtualMachine (uid and generation) whose spec was last found to match the instance, and
     * what it matched. A pass that finds the same spec generation and the same desired state skips comparing the two
     * specs as JSON trees, which took about half of an idle pass. The API server raises the generation on every change
     * but to status and metadata, and KubeVirt writes only status: a status change keeps the generation, a hand edit of
     * the spec does not. Our labels are in metadata, so they are compared every time.
     * Entries whose VM is gone are pruned whenever the map doubles: an instance deleted by another replica, as
     * short-lived CI environments often are, leaves its entry here.
     */
    private final Map<String, Matched> matchedVms = new ConcurrentHashMap<>();
    private volatile int pruneAt = 1000;

    private record Matched(String uid, Long generation, DesiredInstance desired) {
    }

    InstanceReconciler(InstanceStore store, AttachmentStore attachments, ClusterCache cache,
            ClusterWrites writes, Ledger ledger, Clock clock) {
        this.store = store;
        this.attachments = attachments;
        this.cache = cache;
        this.writes = writes;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public WorkKind kind() {
        return WorkKind.INSTANCE;
    }

    /** VMs and Secrets are ours to delete when orphaned; a VMI goes with its VM (owner reference). */
    @Override
    public List<Watched> watches() {
        return List.of(new Watched(VirtualMachine.class, Map.of(), true),
                new Watched(VirtualMachineInstance.class, Map.of(), false),
                new Watched(Secret.class, Map.of(), true));
    }


    @Override
    public Outcome reconcile(UUID id) {
        Outcome outcome = reconcileAll(List.of(id)).get(id);
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome;
    }

    /** The passes of a batch share two statements: one reads their rows, one writes the statuses that changed. */
    @Override
    public Map<UUID, Outcome> reconcileAll(List<UUID> ids) {
        Map<UUID, Reconcilable> rows = store.reconcilable(ids).await().atMost(DB);
        Map<UUID, Outcome> outcomes = new LinkedHashMap<>();
        List<StatusWrite> statuses = new ArrayList<>();
        for (UUID id : ids) {
            Reconcilable row = rows.get(id);
            try {
                // Gone or tombstoned: orphans are the resync's business.
                outcomes.put(id, row == null ? Outcome.DONE : pass(row, statuses));
            } catch (RuntimeException e) {
                outcomes.put(id, Outcome.failed(e));
            }
        }
        store.writeStatuses(statuses).await().atMost(DB);
        return outcomes;
    }

    private Outcome pass(Reconcilable row, List<StatusWrite> statuses) {
        String namespace = TenantObjects.namespaceName(row.tenant());
        if (row.deleting()) {
            return delete(row, namespace);
        }
        List<Attached> attached = row.attachments();
        List<DesiredInstance.AttachedVolume> volumes = attached.stream().filter(a -> !a.detaching())
                .map(a -> new DesiredInstance.AttachedVolume(a.volumeName(), a.hotplug())).toList();
        DesiredInstance desired = new DesiredInstance(row.id(), row.tenant(), namespace, row.name(), row.vcpus(),
                row.memoryMib(), row.image(), row.sshKeys(), store.openUserData(row.userDataSealed()), null, row.running(),
                row.nics(), volumes);
        int restartsDone = row.restartsDone();
        try {
            converge(InstanceObjects.userDataSecret(desired), namespace, InstanceObjects.userDataSecretName(row.name()));
            converge(InstanceObjects.sshKeysSecret(desired), namespace, InstanceObjects.sshKeysSecretName(row.name()));
            String key = namespace + "/" + row.name();
            DesiredInstance shape = desired.withoutUserDataContent();
            VirtualMachine vm = writes.converge(InstanceObjects.virtualMachine(desired), (want, have) -> vmMatches(key, shape, want, have));
            remember(key, shape, vm); // what we just wrote matches by construction: the next pass need not compare
            if (row.restartsRequested() > restartsDone) {
                restart(namespace, row.name());
                restartsDone = row.restartsRequested();
            }
        } catch (KubernetesClientException e) {
            if (KubernetesErrors.isWriteConflict(e)) {
                return Outcome.requeueAfter(0); // someone wrote first: read again and redo the pass
            }
            status(row, namespace, observe(row, namespace, KubernetesErrors.syncFailed(e)), restartsDone, statuses);
            return Outcome.failed(e);
        }
        status(row, namespace, observe(row, namespace, synced()), restartsDone, statuses);
        recordAttachments(row, namespace, attached);
        return Outcome.DONE;
    }

    private boolean vmMatches(String key, DesiredInstance shape, VirtualMachine want, VirtualMachine have) {
        String uid = have.getMetadata().getUid();
        Long generation = have.getMetadata().getGeneration();
        Matched last = matchedVms.get(key);
        if (last != null && generation != null && Objects.equals(last.uid(), uid) && generation.equals(last.generation())
                && last.desired().equals(shape)) {
            return InstanceObjects.ownedLabelsMatch(want, have);
        }
        boolean matches = InstanceObjects.specMatches(want, have);
        if (matches) {
            remember(key, shape, have);
        }
        return matches;
    }

    /** Notes that {@code vm}, as it is now (uid and generation), holds the desired {@code shape}. */
    private void remember(String key, DesiredInstance shape, VirtualMachine vm) {
        Long generation = vm.getMetadata().getGeneration();
        if (generation == null) {
            return;
        }
        matchedVms.put(key, new Matched(vm.getMetadata().getUid(), generation, shape));
        if (matchedVms.size() > pruneAt) {
            matchedVms.keySet().removeIf(k -> cache.get(VirtualMachine.class, k.substring(0, k.indexOf('/')),
                    k.substring(k.indexOf('/') + 1)) == null);
            pruneAt = 2 * matchedVms.size() + 1000;
        }
    }

    /**
     * What the guest has of its volumes: attached once the running instance lists it, at next
     * start while stopped; a detach is over when the guest no longer lists the volume.
     */
    private void recordAttachments(Reconcilable row, String namespace, List<Attached> attached) {
        if (attached.isEmpty()) {
            return;
        }
        VirtualMachineInstance vmi = cache.get(VirtualMachineInstance.class, namespace, row.name());
        Set<String> listed = new HashSet<>();
        Set<String> ready = new HashSet<>();
        if (vmi != null && vmi.getStatus() != null && vmi.getStatus().volumeStatus != null) {
            // KubeVirt lists a hot-plugged volume while it attaches (Pending, Bound, AttachedToNode...)
            // and while it detaches: Ready is when the guest has it, gone from the list when it no longer does.
            vmi.getStatus().volumeStatus.forEach(v -> {
                listed.add(v.name);
                if ("Ready".equals(v.phase)) {
                    ready.add(v.name);
                }
            });
        }
        Map<UUID, String> states = new HashMap<>();
        List<UUID> detached = new ArrayList<>();
        for (Attached a : attached) {
            String disk = InstanceObjects.VOLUME_PREFIX + a.volumeName();
            if (a.detaching()) {
                if (!listed.contains(disk)) {
                    detached.add(a.volumeId());
                }
                continue;
            }
            String state = ready.contains(disk) ? Attachments.ATTACHED : !row.running() && vmi == null ? Attachments.AT_NEXT_START
                    : Attachments.ATTACHING;
            if (!state.equals(a.state())) {
                states.put(a.volumeId(), state);
            }
        }
        if (!states.isEmpty() || !detached.isEmpty()) {
            attachments.observed(row.id(), states, detached).await().atMost(DB);
        }
    }

    private Outcome delete(Reconcilable row, String namespace) {
        ledger.observe(observation(row, Category.STOPPED, "Deletion requested", false, null), row.recorded());
        writes.delete(VirtualMachine.class, namespace, row.name());
        writes.delete(Secret.class, namespace, InstanceObjects.userDataSecretName(row.name()));
        writes.delete(Secret.class, namespace, InstanceObjects.sshKeysSecretName(row.name()));
        if (cache.get(VirtualMachineInstance.class, namespace, row.name()) != null) {
            return Outcome.requeueAfter(1000); // KubeVirt is still stopping the guest
        }
        store.tombstone(row.id(), clock.instant()).await().atMost(DB);
        ledger.observe(observation(row, Category.DELETED, "Deleted", false, null), row.recorded());
        LOG.debugf("instance %s/%s deleted", row.tenant(), row.name());
        return Outcome.DONE;
    }

    /** A Secret of the instance: wanted ({@code desired}), or deleted when null. */
    private void converge(Secret desired, String namespace, String name) {
        if (desired == null) {
            writes.delete(Secret.class, namespace, name);
        } else {
            writes.converge(desired, InstanceObjects::secretMatches);
        }
    }

    /** A restart replaces the running VirtualMachineInstance; KubeVirt starts a fresh one. */
    private void restart(String namespace, String name) {
        VirtualMachineInstance vmi = cache.get(VirtualMachineInstance.class, namespace, name);
        if (vmi != null) {
            writes.delete(vmi); // recorded: the passes that follow see it gone, never the old guest still up
        }
    }

    private InstanceStatus observe(Reconcilable row, String namespace, Condition synced) {
        VirtualMachine vm = cache.get(VirtualMachine.class, namespace, row.name());
        VirtualMachineInstance vmi = cache.get(VirtualMachineInstance.class, namespace, row.name());
        InstancePhases.Observed observed = InstancePhases.observe(row.running(), vm, vmi);
        List<Condition> conditions = new ArrayList<>();
        boolean ready = InstanceStatus.RUNNING.equals(observed.phase());
        conditions.add(new Condition("Ready", ready ? "True" : "False", Conditions.reasonOf(observed.phase()), observed.message(), null));
        conditions.add(synced);
        if (ready && resizePending(row, vmi)) {
            conditions.add(new Condition("RestartRequired", "True", "ResizePending",
                    "The vcpus/memory_mib change takes effect at the next restart", null));
        }
        List<String> ips = new ArrayList<>();
        String node = null;
        if (vmi != null && vmi.getStatus() != null) {
            node = vmi.getStatus().nodeName;
            if (vmi.getStatus().interfaces != null) {
                for (VirtualMachineInstanceNetworkInterface nic : vmi.getStatus().interfaces) {
                    if (nic.ipAddress != null && !ips.contains(nic.ipAddress)) {
                        ips.add(nic.ipAddress);
                    }
                }
            }
        }
        if (vmi != null) {
            // Assigned by Nuage and given to the guest in its cloud-init network data; KubeVirt
            // reports them on the VMI only with a guest agent, so they are listed from the assignment.
            row.nics().stream().map(DesiredNic::ip).filter(ip -> !ips.contains(ip)).forEach(ips::add);
        }
        String message = synced.status().equals("False") ? synced.message() : observed.message();
        return new InstanceStatus(observed.phase(), message, Conditions.withTransitionTimes(row.status().conditions(), conditions,
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
                ips, node, row.generation());
    }

    /** The running guest was booted with other CPU or memory than now desired. */
    private static boolean resizePending(Reconcilable row, VirtualMachineInstance vmi) {
        if (vmi == null || vmi.getSpec() == null || vmi.getSpec().domain == null) {
            return false;
        }
        var domain = vmi.getSpec().domain;
        Integer cores = domain.cpu == null ? null : domain.cpu.cores;
        Quantity memory = domain.memory == null ? null : domain.memory.guest;
        boolean cpuDiffers = cores != null && cores != row.vcpus();
        boolean memoryDiffers = memory != null
                && Quantity.getAmountInBytes(memory).longValue() != row.memoryMib() * 1024L * 1024L;
        return cpuDiffers || memoryDiffers;
    }

    /**
     * Queues the status for the batch's write only when it changed: an idle pass writes nothing. The ledger hears
     * every observation (it ignores those that change nothing); a restart this pass asked for is the tenant's doing,
     * not downtime.
     */
    private void status(Reconcilable row, String namespace, InstanceStatus status, int restartsDone, List<StatusWrite> statuses) {
        boolean restarted = restartsDone > row.restartsDone();
        ledger.observe(observation(row, PhaseCategories.instance(status.phase(), row.running()),
                restarted ? "Restart requested" : status.message(), restarted,
                cache.get(VirtualMachineInstance.class, namespace, row.name())), row.recorded());
        if (status.equals(row.status()) && restartsDone == row.restartsDone()) {
            return;
        }
        statuses.add(new StatusWrite(row.id(), row.generation(), status, restartsDone));
    }

    /** Billed by the CPU and memory the guest runs with (a resize waits for its restart). */
    private Observation observation(Reconcilable row, Category category, String reason, boolean tenantAction,
            VirtualMachineInstance vmi) {
        int vcpus = row.vcpus();
        int memoryMib = row.memoryMib();
        if (vmi != null && vmi.getSpec() != null && vmi.getSpec().domain != null) {
            var domain = vmi.getSpec().domain;
            if (domain.cpu != null && domain.cpu.cores != null) {
                vcpus = domain.cpu.cores;
            }
            if (domain.memory != null && domain.memory.guest != null) {
                memoryMib = (int) (Quantity.getAmountInBytes(domain.memory.guest).longValue() / (1024L * 1024L));
            }
        }
        return new Observation(row.id(), row.tenantId(), Observation.Kind.INSTANCE, row.name(), row.region(), row.createdAt(),
                clock.instant(), category, reason, tenantAction, new Observation.Sizes(vcpus, memoryMib, 0));
    }

    private static Condition synced() {
        return new Condition("Synced", "True", "Applied", null, null);
    }

}
