package io.nuage.reconciler;

import java.util.List;

import io.nuage.kubevirt.Condition;
import io.nuage.kubevirt.VirtualMachineExport;
import io.nuage.kubevirt.VolumeExportObjects;
import io.nuage.status.ConditionStatus;
import io.nuage.storage.ExportLink;
import io.nuage.storage.ExportPhase;
import io.nuage.storage.VolumeExportRows.Observed;

/** A live disk export's phase, message and links, from its VirtualMachineExport as KubeVirt reports it. */
final class VolumeExportPhases {

    static final String IN_USE = "Waiting until the volume is free: a running instance uses it (stop the instance, or detach"
            + " the volume). KubeVirt exports a volume no pod uses";

    private VolumeExportPhases() {
    }

    /**
     * KubeVirt's phases: Pending (also while a pod, a running VM's launcher, uses the PVC: condition Ready reason InUse),
     * Ready (the links are in the status), Terminated (the export server stopped), Skipped (nothing to export).
     */
    static Observed of(VirtualMachineExport actual, String volume, io.nuage.status.Condition synced) {
        if (actual == null || actual.getStatus() == null || actual.getStatus().phase == null) {
            String message = synced.status() == ConditionStatus.FALSE ? synced.message() : null;
            return new Observed(ExportPhase.PENDING, message, List.of());
        }
        List<ExportLink> links = VolumeExportObjects.links(actual, volume).stream()
                .map(l -> new ExportLink(l.format(), l.url(), l.internalUrl())).toList();
        return switch (actual.getStatus().phase) {
            case "Ready" -> links.isEmpty() ? new Observed(ExportPhase.PENDING, null, List.of()) : new Observed(ExportPhase.READY, null, links);
            case "Skipped" -> new Observed(ExportPhase.FAILED, "KubeVirt found nothing to export in the volume", List.of());
            case "Terminated" -> new Observed(ExportPhase.FAILED, "KubeVirt's export server stopped: create another export", List.of());
            default -> new Observed(ExportPhase.PENDING, inUse(actual.getStatus().conditions) ? IN_USE : null, List.of());
        };
    }

    private static boolean inUse(List<Condition> conditions) {
        return conditions != null && conditions.stream()
                .anyMatch(c -> "Ready".equals(c.type) && "False".equals(c.status) && "InUse".equalsIgnoreCase(c.reason));
    }
}
