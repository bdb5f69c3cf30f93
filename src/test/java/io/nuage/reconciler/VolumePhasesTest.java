package io.nuage.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.nuage.kubevirt.Condition;
import io.nuage.kubevirt.DataVolume;
import io.nuage.kubevirt.DataVolumeStatus;

class VolumePhasesTest {

    @Test
    void cdiPhasesMapToVolumePhases() {
        assertEquals("pending", VolumePhases.observe(null).phase().key());
        assertEquals("pending", VolumePhases.observe(dv(null, null)).phase().key());
        assertEquals("pending", VolumePhases.observe(dv("ImportScheduled", "N/A")).phase().key());
        assertEquals("pending", VolumePhases.observe(dv("WaitForFirstConsumer", "N/A")).phase().key());
        VolumePhases.Observed importing = VolumePhases.observe(dv("ImportInProgress", "45.50%"));
        assertEquals("importing", importing.phase().key());
        assertEquals(45.5, importing.progress());
        assertEquals("importing", VolumePhases.observe(dv("CloneInProgress", "N/A")).phase().key());
        VolumePhases.Observed ready = VolumePhases.observe(dv("Succeeded", "100.0%"));
        assertEquals("ready", ready.phase().key());
        assertEquals(100.0, ready.progress());
        DataVolume failed = dv("Failed", "N/A");
        failed.getStatus().conditions = List.of(new Condition("Ready", "False", "Error", "no such host", null));
        assertEquals("failed", VolumePhases.observe(failed).phase().key());
        assertEquals("The source could not be reached", VolumePhases.observe(failed).message());
    }

    /** CDI's own text can carry what the importer saw inside the cluster: tenants get one of four categories. */
    @Test
    void cdiMessagesAreShownAsACategoryOnly() {
        String[][] cases = {
            { "Unable to connect to http data source: Get \"http://10.0.3.7:8080/x\": dial tcp 10.0.3.7:8080: connect: connection refused",
                "The source could not be reached" },
            { "Unable to connect to http data source: expected status code 200, got 404. Status: 404 Not Found",
                "The source was not found" },
            { "Failed to read registry image: manifest unknown: manifest unknown", "The source was not found" },
            { "Unable to process data: qemu-img: Could not open '/data/disk.img': Image is not in qcow2 format",
                "The source is not a disk image that can be imported" },
            { "Unable to process data: Virtual image size 21474836480 is larger than the reported available storage 1000",
                "The source is not a disk image that can be imported" },
            { "importer pod secret-internal-thing failed with something new", "The import reported an error" } };
        for (String[] c : cases) {
            DataVolume dv = dv("ImportInProgress", "10.00%");
            dv.getStatus().conditions = List.of(new Condition("Ready", "False", "Error", c[0], null));
            assertEquals(c[1], VolumePhases.observe(dv).message(), c[0]);
            dv.getStatus().phase = "Failed";
            assertEquals(c[1], VolumePhases.observe(dv).message(), c[0]);
        }
    }

    @Test
    void progressIsReadOnlyWhenItIsAPercentage() {
        assertEquals(0.0, VolumePhases.progress("0.00%"));
        assertNull(VolumePhases.progress("N/A"));
        assertNull(VolumePhases.progress("abc%"));
        assertNull(VolumePhases.progress("120%"));
        assertNull(VolumePhases.progress(null));
    }

    private static DataVolume dv(String phase, String progress) {
        DataVolume dv = new DataVolume();
        dv.setStatus(new DataVolumeStatus(phase, progress, null));
        return dv;
    }
}
