package io.nuage.reconciler;

import java.util.Set;

import io.nuage.compute.InstancePhase;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.kubevirt.VirtualMachineInstance;

/** Reads an instance's phase off its VirtualMachine and VirtualMachineInstance: a pure function. */
public final class InstancePhases {

    /** KubeVirt printable statuses that mean the instance cannot run until something changes. */
    private static final Set<String> FAILURES = Set.of("CrashLoopBackOff", "ErrorUnschedulable", "ErrImagePull",
            "ImagePullBackOff", "ErrorPvcNotFound", "DataVolumeError", "ErrorDataVolumeNotFound");

    public record Observed(InstancePhase phase, String message) {
    }

    private InstancePhases() {
    }

    public static Observed observe(boolean desiredRunning, VirtualMachine vm, VirtualMachineInstance vmi) {
        if (vm == null) {
            return new Observed(desiredRunning ? InstancePhase.PROVISIONING : InstancePhase.STOPPED, null);
        }
        String printable = vm.getStatus() == null ? null : vm.getStatus().printableStatus;
        String vmiPhase = vmi == null || vmi.getStatus() == null ? null : vmi.getStatus().phase;
        if (printable != null && FAILURES.contains(printable)) {
            return new Observed(InstancePhase.FAILED, "KubeVirt reports " + printable);
        }
        if ("Failed".equals(vmiPhase)) {
            return new Observed(InstancePhase.FAILED, "The virtual machine failed");
        }
        if (vmi != null && vmi.getMetadata() != null && vmi.getMetadata().getDeletionTimestamp() != null) {
            // Being deleted (a restart, a stop): KubeVirt keeps it Running through the guest's shutdown.
            return new Observed(InstancePhase.STOPPING, null);
        }
        if (!desiredRunning) {
            return new Observed(vmi == null && !"Stopping".equals(printable) ? InstancePhase.STOPPED : InstancePhase.STOPPING, null);
        }
        if (printable == null) {
            return new Observed(InstancePhase.PROVISIONING, null);
        }
        return switch (printable) {
            case "Running", "Migrating", "Paused" -> new Observed("Running".equals(vmiPhase) ? InstancePhase.RUNNING
                    : InstancePhase.STARTING, null);
            case "Provisioning", "WaitingForVolumeBinding" -> new Observed(InstancePhase.PROVISIONING, null);
            case "Stopping", "Terminating" -> new Observed(InstancePhase.STOPPING, null);
            // Stopped while we want it running: KubeVirt is about to start it.
            default -> new Observed(InstancePhase.STARTING, null);
        };
    }
}
