package io.nuage.tenancy;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A tenant's limits. In requests every field is optional (defaults apply, or PATCH keeps it). The bounds are the ones
 * the API checks, stated in the schema from the same constants.
 */
public record Quota(
        @Schema(minimum = "0", maximum = "" + Quota.VCPUS_MAX) Integer vcpus,
        @Schema(minimum = "0", maximum = "" + Quota.MEMORY_MIB_MAX) Long memoryMib,
        @Schema(minimum = "0", maximum = "" + Quota.STORAGE_GIB_MAX) Integer storageGib,
        @Schema(minimum = "0", maximum = "" + Quota.COUNT_MAX) Integer instances,
        @Schema(description = "Networks, being deleted ones included", minimum = "0", maximum = "" + Quota.COUNT_MAX) Integer networks,
        @Schema(description = "Volumes, being deleted ones included", minimum = "0", maximum = "" + Quota.COUNT_MAX) Integer volumes,
        @Schema(description = "Snapshots, being deleted ones included", minimum = "0", maximum = "" + Quota.COUNT_MAX) Integer snapshots,
        @Schema(description = "Tokens not revoked, expired ones included", minimum = "0", maximum = "" + Quota.COUNT_MAX) Integer tokens,
        @Schema(description = "Public addresses held, attached or not", minimum = "0", maximum = "" + Quota.COUNT_MAX) Integer publicIps) {

    public static final int VCPUS_MAX = 100_000;
    public static final long MEMORY_MIB_MAX = 1L << 40;
    public static final int STORAGE_GIB_MAX = 10_000_000;
    /** Of instances, networks, volumes, snapshots, tokens and public addresses. */
    public static final int COUNT_MAX = 100_000;

    /** This quota with the fields of {@code change} that are set. */
    public Quota with(Quota change) {
        if (change == null) {
            return this;
        }
        return new Quota(
                change.vcpus() != null ? change.vcpus() : vcpus,
                change.memoryMib() != null ? change.memoryMib() : memoryMib,
                change.storageGib() != null ? change.storageGib() : storageGib,
                change.instances() != null ? change.instances() : instances,
                change.networks() != null ? change.networks() : networks,
                change.volumes() != null ? change.volumes() : volumes,
                change.snapshots() != null ? change.snapshots() : snapshots,
                change.tokens() != null ? change.tokens() : tokens,
                change.publicIps() != null ? change.publicIps() : publicIps);
    }
}
