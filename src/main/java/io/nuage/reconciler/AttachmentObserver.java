package io.nuage.reconciler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.nuage.compute.AttachmentStore;
import io.nuage.compute.AttachmentStore.Attached;
import io.nuage.compute.InstanceRows.Reconcilable;
import io.nuage.db.Sql;
import io.nuage.kubevirt.InstanceObjects;
import io.nuage.kubevirt.VirtualMachineInstance;
import io.nuage.storage.AttachmentState;

/**
 * Records what a guest has of its volumes: attached once the running instance lists it, at next start while
 * stopped; a detach is over when the guest no longer lists the volume.
 */
final class AttachmentObserver {

    private final AttachmentStore attachments;

    AttachmentObserver(AttachmentStore attachments) {
        this.attachments = attachments;
    }

    void record(Reconcilable row, VirtualMachineInstance vmi) {
        List<Attached> attached = row.desired().attachments();
        if (attached.isEmpty()) {
            return;
        }
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
        Map<UUID, AttachmentState> states = new HashMap<>();
        List<UUID> detached = new ArrayList<>();
        for (Attached a : attached) {
            String disk = InstanceObjects.VOLUME_PREFIX + a.volumeName();
            if (a.detaching()) {
                if (!listed.contains(disk)) {
                    detached.add(a.volumeId());
                }
                continue;
            }
            AttachmentState state = ready.contains(disk) ? AttachmentState.ATTACHED
                    : !row.desired().running() && vmi == null ? AttachmentState.AT_NEXT_START : AttachmentState.ATTACHING;
            if (state != a.state()) {
                states.put(a.volumeId(), state);
            }
        }
        if (!states.isEmpty() || !detached.isEmpty()) {
            attachments.observed(row.id(), states, detached).await().atMost(Sql.AWAIT);
        }
    }
}
