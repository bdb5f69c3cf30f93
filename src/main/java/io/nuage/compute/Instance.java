package io.nuage.compute;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.nuage.network.InstanceNetwork;

/** An instance as the API shows it. User data is never shown, only its SHA-256. */
public record Instance(
        @Schema(required = true) UUID id,
        @Schema(required = true) String name,
        @Schema(description = "The catalog type the size comes from (/v1/instance-types), or null: vcpus and memory_mib are the instance's own")
        String instanceType,
        int vcpus,
        int memoryMib,
        @Schema(description = "The container disk it boots from, or null when it boots from a persistent disk (boot)") String image,
        @Schema(description = "The persistent root disk it boots from, or null (image)") BootDisk boot,
        List<String> sshKeys,
        List<String> sshKeyNames,
        String userDataSha256,
        Map<String, String> labels,
        String region,
        @Schema(description = "The region's country, ISO 3166-1 alpha-2 (configuration: GET /v1/regions)") String country,
        List<InstanceNetwork> networks,
        boolean running,
        List<String> volumes,
        @Schema(description = "The public address attached to it; null when none") String publicIp,
        long generation,
        InstanceStatus status,
        Instant createdAt,
        Instant updatedAt) {
}
