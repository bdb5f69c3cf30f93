package io.nuage.reconciler;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.nuage.kubevirt.Condition;
import io.nuage.kubevirt.DataVolume;
import io.nuage.storage.VolumePhase;

/** A volume's phase and progress, read from its DataVolume as CDI reports them. Pure, for tests. */
final class VolumePhases {

    /** CDI phases in which data is being copied in: importing, cloning, restoring from a snapshot. */
    private static final Set<String> COPYING = Set.of("ImportInProgress", "CloneInProgress", "CSICloneInProgress",
            "SnapshotForSmartCloneInProgress", "CloneFromSnapshotSourceInProgress", "SmartClonePVCInProgress",
            "ExpansionInProgress", "NamespaceTransferInProgress", "PrepClaimInProgress", "RebindInProgress");

    /** What CDI's messages say, in words of Go's network errors, HTTP and registries, and its image checks. */
    private static final List<String> NOT_FOUND = List.of("got 404", "404 not found", "not found", "manifest unknown",
            "name unknown", "does not exist");
    private static final List<String> UNREACHABLE = List.of("no such host", "connection refused", "connection reset", "timeout",
            "timed out", "unreachable", "no route to host", "dial tcp", "tls", "x509", "certificate", "eof",
            "server misbehaving");
    private static final List<String> NOT_AN_IMAGE = List.of("image format", "invalid image", "qemu-img", "unknown format",
            "not a valid", "unable to process data", "unsupported", "virtual size", "disk image", "not an image");

    record Observed(VolumePhase phase, Double progress, String message) {
    }

    private VolumePhases() {
    }

    static Observed observe(DataVolume dv) {
        if (dv == null) {
            return new Observed(VolumePhase.PENDING, null, "DataVolume not created yet");
        }
        String phase = dv.getStatus() == null || dv.getStatus().phase == null ? "" : dv.getStatus().phase;
        String message = readyMessage(dv);
        return switch (phase) {
            case "Succeeded" -> new Observed(VolumePhase.READY, 100.0, null);
            case "Failed" -> new Observed(VolumePhase.FAILED, null, message == null ? "CDI reports the DataVolume Failed" : message);
            case "WaitForFirstConsumer", "PendingPopulation" -> new Observed(VolumePhase.PENDING, null,
                    "Waiting for an instance to use the volume (the storage binds on first use)");
            default -> COPYING.contains(phase)
                    ? new Observed(VolumePhase.IMPORTING, progress(dv.getStatus().progress), message)
                    : new Observed(VolumePhase.PENDING, null, phase.isEmpty() ? "Waiting for CDI" : "CDI phase " + phase);
        };
    }

    /** CDI's "45.50%" as 45.5; "N/A" or anything unreadable as null. */
    static Double progress(String progress) {
        if (progress == null || !progress.endsWith("%")) {
            return null;
        }
        try {
            double p = Double.parseDouble(progress.substring(0, progress.length() - 1));
            return p >= 0 && p <= 100 ? p : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** What CDI's Ready condition says, as the category a tenant is shown: its own text may carry internal addresses. */
    private static String readyMessage(DataVolume dv) {
        if (dv.getStatus() == null || dv.getStatus().conditions == null) {
            return null;
        }
        for (Condition c : dv.getStatus().conditions) {
            if ("Ready".equals(c.type) && c.message != null && !c.message.isBlank()) {
                return category(c.message);
            }
        }
        return null;
    }

    /** A CDI error as one of four fixed texts: unreachable, not found, not an image, other. Never CDI's text itself. */
    static String category(String cdiMessage) {
        String m = cdiMessage.toLowerCase(Locale.ROOT);
        if (NOT_FOUND.stream().anyMatch(m::contains)) {
            return "The source was not found";
        }
        if (UNREACHABLE.stream().anyMatch(m::contains)) {
            return "The source could not be reached";
        }
        if (NOT_AN_IMAGE.stream().anyMatch(m::contains)) {
            return "The source is not a disk image that can be imported";
        }
        return "The import reported an error";
    }
}
