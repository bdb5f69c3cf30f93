package io.nuage.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.nuage.network.InstanceNetwork;
import io.nuage.compute.AttachmentStore;

/**
 * Body of {@code POST /v1/tenants/{tenant}/instances}. Its bounds are the constants the checks use, so the
 * contract cannot drift from them ({@code "" +} because {@code @Schema} takes minimum and maximum as text).
 */
public record InstanceCreate(
        @Schema(required = true, pattern = Checks.DNS_LABEL_PATTERN, description = "DNS label, unique in the tenant", maxLength = InstanceRules.NAME_MAX) String name,
        @Schema(description = "Required unless instance_type is given", minimum = "" + InstanceRules.VCPUS_MIN, maximum = "" + InstanceRules.VCPUS_MAX) Integer vcpus,
        @Schema(description = "Required unless instance_type is given", minimum = "" + InstanceRules.MEMORY_MIB_MIN, maximum = "" + InstanceRules.MEMORY_MIB_MAX) Integer memoryMib,
        @Schema(pattern = InstanceRules.IMAGE_PATTERN, description = "Container-disk image reference, e.g. quay.io/containerdisks/fedora:41,"
                + " for a throw-away root disk; required unless boot is given") String image,
        @Schema(description = "SSH public keys (authorized_keys lines), at most " + InstanceRules.SSH_KEYS_MAX_BYTES / 1024
                + " KiB in total", maxItems = InstanceRules.SSH_KEYS_MAX) List<String> sshKeys,
        @Schema(description = "cloud-init user data, at most " + InstanceRules.USER_DATA_MAX_BYTES / 1024
                + " KiB; stored encrypted, never returned (only its sha256)") String userData,
        Map<String, String> labels,
        @Schema(description = "One of the tenant's regions; default: its first") String region,
        @Schema(description = "Desired power state; default true") Boolean running,
        @Schema(description = "NICs on the tenant's networks, after the pod network's NIC; fixed at creation",
                maxItems = NetworkRules.INSTANCE_NETWORKS_MAX) List<InstanceNetwork> networks,
        @Schema(description = "Names of volumes of the tenant to attach (at most " + AttachmentStore.MAX_PER_INSTANCE
                + "); each must be free", maxItems = AttachmentStore.MAX_PER_INSTANCE) List<String> volumes,
        @Schema(description = "Names of the tenant's SSH keys (/ssh-keys) to install; a change of such a key reaches the"
                + " running guest", maxItems = InstanceRules.SSH_KEYS_MAX) List<String> sshKeyNames,
        @Schema(description = "A type of the catalog (/v1/instance-types) giving vcpus and memory_mib, which are then not given",
                pattern = Checks.DNS_LABEL_PATTERN) String instanceType,
        @Schema(description = "A persistent root disk cloned from an image, instead of image: kept across restarts and in snapshots")
        InstanceBoot boot) {
}
