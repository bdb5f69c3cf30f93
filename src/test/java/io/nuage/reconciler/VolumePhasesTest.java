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
        assertEquals("no such host", VolumePhases.observe(failed).message());
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
