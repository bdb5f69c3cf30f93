package io.nuage.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /v1/tenants/{tenant}/environments}: the members, each the body of its own kind's create. Members
 * refer to each other by their names here; Nuage creates them as {@code <environment>-<member>}.
 */
public record EnvironmentCreate(
        @Schema(required = true, pattern = Checks.DNS_LABEL_PATTERN, maxLength = EnvironmentDocument.NAME_MAX,
                description = "DNS label, unique in the tenant; the prefix of every member's name") String name,
        @Schema(required = true, pattern = EnvironmentDocument.TTL_PATTERN, description = "Time to live, e.g. 90m, 2h, 1d; at most"
                + " nuage.environments.max-ttl (default 7d). When it ends, the environment and every member are deleted.") String ttl,
        Map<String, String> labels,
        @Schema(maxItems = EnvironmentDocument.MEMBERS_MAX) List<NetworkCreate> networks,
        @Schema(maxItems = EnvironmentDocument.MEMBERS_MAX) List<VolumeCreate> volumes,
        @Schema(maxItems = EnvironmentDocument.MEMBERS_MAX, description = "networks[].network and volumes[] name members of this"
                + " environment") List<InstanceCreate> instances) {
}
