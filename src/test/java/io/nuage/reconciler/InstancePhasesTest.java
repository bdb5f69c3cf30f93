package io.nuage.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.nuage.kubevirt.VirtualMachine;
import io.nuage.kubevirt.VirtualMachineInstance;
import io.nuage.kubevirt.VirtualMachineInstanceStatus;
import io.nuage.kubevirt.VirtualMachineStatus;

class InstancePhasesTest {

    private static VirtualMachine vm(String printable) {
        VirtualMachine vm = new VirtualMachine();
        vm.setStatus(new VirtualMachineStatus(printable, null, null, null, null));
        return vm;
    }

    private static VirtualMachineInstance vmi(String phase) {
        VirtualMachineInstance vmi = new VirtualMachineInstance();
        vmi.setStatus(new VirtualMachineInstanceStatus(phase, null, null, null));
        return vmi;
    }

    private static String phase(boolean running, VirtualMachine vm, VirtualMachineInstance vmi) {
        return InstancePhases.observe(running, vm, vmi).phase().key();
    }

    @Test
    void runningNeedsBothTheVmAndItsInstanceRunning() {
        assertEquals("running", phase(true, vm("Running"), vmi("Running")));
        assertEquals("starting", phase(true, vm("Running"), vmi("Scheduled")));
    }

    @Test
    void startupPhases() {
        assertEquals("provisioning", phase(true, null, null));
        assertEquals("provisioning", phase(true, vm(null), null));
        assertEquals("provisioning", phase(true, vm("Provisioning"), null));
        assertEquals("starting", phase(true, vm("Starting"), vmi("Scheduling")));
        // Stopped while we want it running: KubeVirt has not reacted to runStrategy yet.
        assertEquals("starting", phase(true, vm("Stopped"), null));
    }

    @Test
    void aGuestShuttingDownForARestartIsNotRunning() {
        VirtualMachineInstance leaving = vmi("Running");
        leaving.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withDeletionTimestamp("2026-11-23T10:00:00Z").build());
        assertEquals("stopping", phase(true, vm("Running"), leaving));
    }

    @Test
    void stopPhases() {
        assertEquals("stopping", phase(false, vm("Running"), vmi("Running")));
        assertEquals("stopping", phase(false, vm("Stopping"), null));
        assertEquals("stopped", phase(false, vm("Stopped"), null));
        assertEquals("stopped", phase(false, null, null));
    }

    @Test
    void failuresCarryAReadableMessage() {
        InstancePhases.Observed crash = InstancePhases.observe(true, vm("CrashLoopBackOff"), vmi("Failed"));
        assertEquals("failed", crash.phase().key());
        assertTrue(crash.message().contains("CrashLoopBackOff"));
        assertEquals("failed", phase(true, vm("ErrImagePull"), null));
        assertEquals("failed", phase(true, vm("Running"), vmi("Failed")));
    }
}
