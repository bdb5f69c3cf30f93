package io.nuage.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nuage.kubevirt.VirtualMachineExport;
import io.nuage.status.Condition;
import io.nuage.status.ConditionStatus;
import io.nuage.storage.ExportLink;
import io.nuage.storage.ExportPhase;
import io.nuage.storage.VolumeExportRows.Observed;

/** What a disk export shows for each state KubeVirt reports. */
class VolumeExportPhasesTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final Condition SYNCED = new Condition("Synced", ConditionStatus.TRUE, "Applied", null, null);

    private static VirtualMachineExport export(String status) {
        return JSON.unmarshal("""
                {"apiVersion":"export.kubevirt.io/v1beta1","kind":"VirtualMachineExport","metadata":{"name":"e","namespace":"n"},
                 "spec":{"source":{"apiGroup":"","kind":"PersistentVolumeClaim","name":"os"}},"status":%s}""".formatted(status),
                VirtualMachineExport.class);
    }

    @Test
    void notYetWrittenOrPendingIsPending() {
        assertEquals(new Observed(ExportPhase.PENDING, null, List.of()), VolumeExportPhases.of(null, "os", SYNCED));
        assertEquals(ExportPhase.PENDING, VolumeExportPhases.of(export("{\"phase\":\"Pending\"}"), "os", SYNCED).phase());
    }

    @Test
    void aPvcInUseSaysWhyItWaits() {
        Observed seen = VolumeExportPhases.of(export("""
                {"phase":"Pending","conditions":[{"type":"Ready","status":"False","reason":"InUse","message":"pvc n/os is in use"}]}"""),
                "os", SYNCED);
        assertEquals(ExportPhase.PENDING, seen.phase());
        assertEquals(VolumeExportPhases.IN_USE, seen.message());
    }

    @Test
    void readyShowsTheLinksOfTheVolumePerFormat() {
        Observed seen = VolumeExportPhases.of(export("""
                {"phase":"Ready","links":{
                  "external":{"cert":"","volumes":[{"name":"os","formats":[{"format":"raw","url":"https://x/os/disk.img"},{"format":"gzip","url":"https://x/os/disk.img.gz"}]}]},
                  "internal":{"cert":"","volumes":[{"name":"os","formats":[{"format":"raw","url":"https://i/os/disk.img"}]}]}}}"""),
                "os", SYNCED);
        assertEquals(ExportPhase.READY, seen.phase());
        assertNull(seen.message());
        assertEquals(List.of(new ExportLink("raw", "https://x/os/disk.img", "https://i/os/disk.img"),
                new ExportLink("gzip", "https://x/os/disk.img.gz", null)), seen.links());
    }

    @Test
    void readyWithoutLinksIsStillPendingAndSkippedOrTerminatedFailed() {
        assertEquals(ExportPhase.PENDING, VolumeExportPhases.of(export("{\"phase\":\"Ready\"}"), "os", SYNCED).phase());
        assertEquals(ExportPhase.FAILED, VolumeExportPhases.of(export("{\"phase\":\"Skipped\"}"), "os", SYNCED).phase());
        assertEquals(ExportPhase.FAILED, VolumeExportPhases.of(export("{\"phase\":\"Terminated\"}"), "os", SYNCED).phase());
    }
}
