package io.nuage.reconciler;

import java.util.Set;

import io.nuage.compute.InstanceStatus;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.kubevirt.VirtualMachineInstance;

/** Reads an instance's phase off its VirtualMachine and VirtualMachineInstance: a pure function. */
public final class InstancePhases {

    /** KubeVirt printable statuses that mean the instance cannot run until something changes. */
    private static final Set<String> FAILURES = Set.of("CrashLoopBackOff", "ErrorUnschedulable", "ErrImagePull",
            "ImagePullBackOff", "ErrorPvcNotFound", "DataVolumeError", "ErrorDataVolumeNotFound");

    public record Observed(String phase, String message) {
    }

    private InstancePhases() {
    }

    public static Observed observe(boolean desiredRunning, VirtualMachine vm, VirtualMachineInstance vmi) {
        if (vm == null) {
            return new Observed(desiredRunning ? InstanceStatus.PROVISIONING : InstanceStatus.STOPPED, null);
        }
        String printable = vm.getStatus() == null ? null : vm.getStatus().printableStatus;
        String vmiPhase = vmi == null || vmi.getStatus() == null ? null : vmi.getStatus().phase;
        if (printable != null && FAILURES.contains(printable)) {
            return new Observed(InstanceStatus.FAILED, "KubeVirt reports " + printable);
        }
        if ("Failed".equals(vmiPhase)) {
            return new Observed(InstanceStatus.FAILED, "The virtual machine failed");
        }
        if (vmi != null && vmi.getMetadata() != null && vmi.getMetadata().getDeletionTimestamp() != null) {
            // Being deleted (a restart, a stop): KubeVirt keeps it Running through the guest's shutdown.
            return new Observed(InstanceStatus.STOPPING, null);
        }
        if (!desiredRunning) {
            return new Observed(vmi == null && !"Stopping".equals(printable) ? InstanceStatus.STOPPED : InstanceStatus.STOPPING, null);
        }
        if (printable == null) {
            return new Observed(InstanceStatus.PROVISIONING, null);
        }
        return switch (printable) {
            case "Running", "Migrating", "Paused" -> new Observed("Running".equals(vmiPhase) ? InstanceStatus.RUNNING
                    : InstanceStatus.STARTING, null);
            case "Provisioning", "WaitingForVolumeBinding" -> new Observed(InstanceStatus.PROVISIONING, null);
            case "Stopping", "Terminating" -> new Observed(InstanceStatus.STOPPING, null);
            // Stopped while we want it running: KubeVirt is about to start it.
            default -> new Observed(InstanceStatus.STARTING, null);
        };
    }
}
