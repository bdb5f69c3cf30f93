package io.nuage.compute;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.nuage.status.Condition;

/** An instance type of the operator's catalog, as the API shows it. */
public record InstanceType(
        @Schema(required = true) UUID id,
        @Schema(required = true) String name,
        @Schema(required = true) int vcpus,
        @Schema(required = true) int memoryMib,
        @Schema(description = "Each vCPU pinned to a physical CPU of its own (KubeVirt dedicatedCPUPlacement)") boolean dedicatedCpus,
        Map<String, String> labels,
        long generation,
        Status status,
        Instant createdAt,
        Instant updatedAt) {

    /** What the reconciler last observed: whether the cluster holds the type's VirtualMachineClusterInstancetype. */
    public record Status(@Schema(enumeration = { "pending", "ready", "deleting" }) String phase, String message,
            List<Condition> conditions, long observedGeneration) {
    }
}
