package io.nuage.api;

import java.util.List;
import java.util.Map;

import io.nuage.compute.BootDisk;
import io.nuage.compute.InstanceSpec;
import io.nuage.errors.FieldError;
import io.nuage.errors.NuageError;

/** What a PATCH may do to an instance's root disk: grow its boot disk; never swap images or kinds of root disk. */
final class BootDisks {

    private BootDisks() {
    }

    /** The boot disk after {@code body}, the current one when it says nothing of it. */
    static BootDisk next(String instance, InstanceSpec current, InstancePatch body) {
        BootDisk boot = current.boot();
        if (body.image() != null && boot != null) {
            throw NuageError.immutable("Instance '" + instance + "' boots from a boot disk: its root disk cannot become a container disk",
                    List.of(new FieldError("image", "cannot be set on an instance that boots from a boot disk")));
        }
        if (body.boot() == null) {
            return boot;
        }
        if (boot == null) {
            throw NuageError.immutable("Instance '" + instance + "' boots from a container disk: its root disk is fixed at creation",
                    List.of(new FieldError("boot", "cannot be added to an instance that boots from image")));
        }
        if (body.boot().image() != null && !body.boot().image().equals(boot.image())) {
            throw NuageError.immutable("A boot disk's image is fixed at creation", List.of(new FieldError("boot.image", "cannot be changed")));
        }
        if (body.boot().sizeGib() == null) {
            return boot;
        }
        if (body.boot().sizeGib() < boot.sizeGib()) {
            throw NuageError.rejected("boot_disk_shrink", "The boot disk of '" + instance + "' is " + boot.sizeGib()
                    + " GiB: a disk can grow, never shrink", Map.of("size_gib", boot.sizeGib()));
        }
        return new BootDisk(boot.image(), body.boot().sizeGib());
    }
}
