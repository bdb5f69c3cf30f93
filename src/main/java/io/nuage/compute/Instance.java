package io.nuage.compute;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.nuage.network.InstanceNetwork;

/** An instance as the API shows it. User data is never shown, only its SHA-256. */
public record Instance(
        UUID id,
        String name,
        int vcpus,
        int memoryMib,
        String image,
        List<String> sshKeys,
        String userDataSha256,
        Map<String, String> labels,
        String region,
        List<InstanceNetwork> networks,
        boolean running,
        List<String> volumes,
        long generation,
        InstanceStatus status,
        Instant createdAt,
        Instant updatedAt) {
}
