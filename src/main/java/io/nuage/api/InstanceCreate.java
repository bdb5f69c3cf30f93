package io.nuage.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.nuage.network.InstanceNetwork;

/** Body of {@code POST /v1/tenants/{tenant}/instances}. */
public record InstanceCreate(
        @Schema(required = true, description = "DNS label, unique in the tenant", maxLength = 50) String name,
        @Schema(required = true, minimum = "1", maximum = "64") Integer vcpus,
        @Schema(required = true, minimum = "128", maximum = "262144") Integer memoryMib,
        @Schema(required = true, description = "Container-disk image reference, e.g. quay.io/containerdisks/fedora:41") String image,
        @Schema(description = "SSH public keys (authorized_keys lines)") List<String> sshKeys,
        @Schema(description = "cloud-init user data, at most 32 KiB; stored encrypted, never returned (only its sha256)") String userData,
        Map<String, String> labels,
        @Schema(description = "One of the tenant's regions; default: its first") String region,
        @Schema(description = "Desired power state; default true") Boolean running,
        @Schema(description = "NICs on the tenant's networks, after the pod network's NIC; fixed at creation")
        List<InstanceNetwork> networks,
        @Schema(description = "Names of volumes of the tenant to attach (at most 16); each must be free") List<String> volumes) {
}
