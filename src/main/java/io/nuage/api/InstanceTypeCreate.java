package io.nuage.api;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/instance-types} (operator only). */
public record InstanceTypeCreate(
        @Schema(required = true, pattern = Checks.DNS_LABEL_PATTERN, description = "DNS label, e.g. s-2-4", maxLength = InstanceTypeResource.NAME_MAX) String name,
        @Schema(required = true, minimum = "" + InstanceRules.VCPUS_MIN, maximum = "" + InstanceRules.VCPUS_MAX) Integer vcpus,
        @Schema(required = true, minimum = "" + InstanceRules.MEMORY_MIB_MIN, maximum = "" + InstanceRules.MEMORY_MIB_MAX) Integer memoryMib,
        @Schema(description = "Pin each vCPU to a physical CPU of its own; default false") Boolean dedicatedCpus,
        Map<String, String> labels) {
}
