package io.nuage.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code PATCH .../instances/{name}}: fields present replace the current ones. A
 * vcpus/memory_mib change of a running instance applies at its next restart.
 */
public record InstancePatch(
        @Schema(description = "Cannot change; accepted when equal") String name,
        @Schema(minimum = "" + InstanceRules.VCPUS_MIN, maximum = "" + InstanceRules.VCPUS_MAX) Integer vcpus,
        @Schema(minimum = "" + InstanceRules.MEMORY_MIB_MIN, maximum = "" + InstanceRules.MEMORY_MIB_MAX) Integer memoryMib,
        @Schema(pattern = InstanceRules.IMAGE_PATTERN) String image,
        @Schema(description = "SSH public keys (authorized_keys lines), at most " + InstanceRules.SSH_KEYS_MAX_BYTES / 1024
                + " KiB in total", maxItems = InstanceRules.SSH_KEYS_MAX) List<String> sshKeys,
        @Schema(description = "cloud-init user data, at most " + InstanceRules.USER_DATA_MAX_BYTES / 1024 + " KiB") String userData,
        Map<String, String> labels,
        @Schema(description = "Cannot change; accepted when equal") String region,
        Boolean running,
        @Schema(description = "Names of the tenant's SSH keys to install", maxItems = InstanceRules.SSH_KEYS_MAX) List<String> sshKeyNames,
        @Schema(description = "Another type of the catalog: the resize of an instance of a type (applies at its next restart)",
                pattern = Checks.DNS_LABEL_PATTERN) String instanceType,
        @Schema(description = "A larger size_gib grows the boot disk (its image cannot change)") InstanceBoot boot) implements PatchBody {
}
