package io.nuage.work;

/**
 * The kinds of resource the reconciler passes over: the {@code kind} of a work item, and the table whose
 * live rows (no {@code deleted_at}) are that kind's resources.
 */
public enum WorkKind {
    TENANT("tenants"),
    INSTANCE("instances"),
    VOLUME("volumes"),
    NETWORK("networks"),
    SNAPSHOT("snapshots"),
    INSTANCE_TYPE("instance_types"),
    PUBLIC_IP("public_ips"),
    IMAGE("images"),
    VOLUME_EXPORT("volume_exports");

    private final String table;

    WorkKind(String table) {
        this.table = table;
    }

    /** As stored in {@code work_items.kind}. */
    public String key() {
        return name().toLowerCase();
    }

    public String table() {
        return table;
    }

    public static WorkKind of(String key) {
        return valueOf(key.toUpperCase());
    }
}
