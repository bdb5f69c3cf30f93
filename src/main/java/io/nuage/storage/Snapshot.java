package io.nuage.storage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.nuage.status.Condition;

/** A snapshot of an instance (its VM and volumes) as the API shows it. */
public record Snapshot(
        @Schema(required = true) UUID id,
        @Schema(required = true) String name,
        String instance,
        @Schema(description = "Its instance's region, which its volumes are in") String region,
        @Schema(description = "The region's country, ISO 3166-1 alpha-2") String country,
        Map<String, String> labels,
        long generation,
        Status status,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * @param volumes the instance's volumes the snapshot holds
     * @param restore the last restore asked for, or null if none was
     */
    @Schema(name = "SnapshotStatus")
    public record Status(SnapshotPhase phase, String message, List<String> volumes, Restore restore, List<Condition> conditions,
            long observedGeneration) {
        public Status withRestore(Restore next) {
            return new Status(phase, message, volumes, next, conditions, observedGeneration);
        }
    }

    /** @param restoredAt when KubeVirt completed the restore; null until it has */
    public record Restore(RestorePhase phase, Instant restoredAt) {
    }
}
