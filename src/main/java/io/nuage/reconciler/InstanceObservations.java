package io.nuage.reconciler;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Quantity;
import io.nuage.compute.InstancePhase;
import io.nuage.compute.InstanceRows.Reconcilable;
import io.nuage.compute.InstanceStatus;
import io.nuage.kubevirt.DesiredNic;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.kubevirt.VirtualMachineInstance;
import io.nuage.kubevirt.VirtualMachineInstanceNetworkInterface;
import io.nuage.sla.Category;
import io.nuage.sla.Observation;
import io.nuage.status.Condition;
import io.nuage.status.ConditionStatus;
import io.nuage.status.Conditions;

/** What an instance's VirtualMachine and its instance say, as the instance's status and as a ledger observation. Pure. */
final class InstanceObservations {

    /** The instance's condition that its guest has booted; what {@code wait_for=guest_ready} waits for. */
    static final String GUEST_READY = "GuestReady";

    private InstanceObservations() {
    }

    static InstanceStatus status(Reconcilable row, VirtualMachine vm, VirtualMachineInstance vmi, Condition synced, Instant now) {
        InstancePhases.Observed observed = InstancePhases.observe(row.desired().running(), vm, vmi);
        boolean ready = observed.phase() == InstancePhase.RUNNING;
        List<Condition> conditions = new ArrayList<>();
        conditions.add(new Condition("Ready", ConditionStatus.of(ready), Conditions.reasonOf(observed.phase().key()),
                observed.message(), null));
        conditions.add(synced);
        conditions.add(guestReady(ready, vmi));
        if (ready && resizePending(row, vmi)) {
            conditions.add(new Condition("RestartRequired", ConditionStatus.TRUE, "ResizePending",
                    "The vcpus/memory_mib (or instance_type) change takes effect at the next restart", null));
        }
        String message = synced.status() == ConditionStatus.FALSE ? synced.message() : observed.message();
        return new InstanceStatus(observed.phase(), message,
                Conditions.withTransitionTimes(row.status().conditions(), conditions, now.truncatedTo(ChronoUnit.SECONDS)),
                addresses(row, vmi), vmi == null || vmi.getStatus() == null ? null : vmi.getStatus().nodeName, row.generation());
    }

    /**
     * Whether the guest has booted, as far as anyone outside it can tell: its QEMU guest agent answers (KubeVirt's VMI
     * condition {@code AgentConnected}). A guest without the agent never becomes ready in this sense.
     */
    static Condition guestReady(boolean running, VirtualMachineInstance vmi) {
        if (!running) {
            return new Condition(GUEST_READY, ConditionStatus.FALSE, "NotRunning", "The instance is not running", null);
        }
        boolean agent = vmi != null && vmi.getStatus() != null && vmi.getStatus().conditions != null
                && vmi.getStatus().conditions.stream().anyMatch(c -> "AgentConnected".equals(c.type) && "True".equals(c.status));
        return agent ? new Condition(GUEST_READY, ConditionStatus.TRUE, "AgentConnected", "The guest agent answers", null)
                : new Condition(GUEST_READY, ConditionStatus.FALSE, "AgentNotConnected",
                        "The guest is booting, or its image has no QEMU guest agent", null);
    }

    /**
     * The guest's addresses: what KubeVirt reports, then those Nuage assigned on its networks, which KubeVirt reports
     * only with a guest agent (the guest got them from its cloud-init network data).
     */
    private static List<String> addresses(Reconcilable row, VirtualMachineInstance vmi) {
        List<String> ips = new ArrayList<>();
        if (vmi == null) {
            return ips;
        }
        if (vmi.getStatus() != null && vmi.getStatus().interfaces != null) {
            for (VirtualMachineInstanceNetworkInterface nic : vmi.getStatus().interfaces) {
                if (nic.ipAddress != null && !ips.contains(nic.ipAddress)) {
                    ips.add(nic.ipAddress);
                }
            }
        }
        row.desired().nics().stream().map(DesiredNic::ip).filter(ip -> !ips.contains(ip)).forEach(ips::add);
        return ips;
    }

    /** The running guest was booted with other CPU or memory than now desired. */
    private static boolean resizePending(Reconcilable row, VirtualMachineInstance vmi) {
        if (vmi == null || vmi.getSpec() == null || vmi.getSpec().domain == null) {
            return false;
        }
        var domain = vmi.getSpec().domain;
        Integer vcpus = domain.cpu == null ? null : vcpus(domain.cpu);
        Quantity memory = domain.memory == null ? null : domain.memory.guest;
        boolean cpuDiffers = vcpus != null && vcpus != row.desired().vcpus();
        boolean memoryDiffers = memory != null
                && Quantity.getAmountInBytes(memory).longValue() != row.desired().memoryMib() * 1024L * 1024L;
        return cpuDiffers || memoryDiffers;
    }

    /** The guest's vCPUs: our VMs put them on cores, an instance type's topology on sockets. */
    private static int vcpus(io.nuage.kubevirt.CPU cpu) {
        return (cpu.sockets == null ? 1 : cpu.sockets) * (cpu.cores == null ? 1 : cpu.cores) * (cpu.threads == null ? 1 : cpu.threads);
    }

    /** Billed by the CPU and memory the guest runs with (a resize waits for its restart). */
    static Observation observation(Reconcilable row, Category category, String reason, boolean tenantAction,
            VirtualMachineInstance vmi, Instant now) {
        int vcpus = row.desired().vcpus();
        int memoryMib = row.desired().memoryMib();
        if (vmi != null && vmi.getSpec() != null && vmi.getSpec().domain != null) {
            var domain = vmi.getSpec().domain;
            if (domain.cpu != null && domain.cpu.cores != null) {
                vcpus = vcpus(domain.cpu);
            }
            if (domain.memory != null && domain.memory.guest != null) {
                memoryMib = (int) (Quantity.getAmountInBytes(domain.memory.guest).longValue() / (1024L * 1024L));
            }
        }
        var ref = row.ref();
        return new Observation(ref.id(), ref.tenantId(), Observation.Kind.INSTANCE, ref.name(), ref.region(), ref.createdAt(),
                now, category, reason, tenantAction, new Observation.Sizes(vcpus, memoryMib, 0),
                ObservationGap.since(row.status().conditions()));
    }
}
