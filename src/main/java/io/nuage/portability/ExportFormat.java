package io.nuage.portability;

import java.util.List;

/**
 * The names of the tenant export document (README "Taking your data with you"): its format and version, and its
 * sections in the order they are written, which is also the order an import creates them in (what a resource refers
 * to comes before it). A field added to a section's rows keeps the version; a section renamed or removed, or a field
 * whose meaning changes, takes the next one.
 */
public final class ExportFormat {

    public static final String FORMAT = "nuage.io/tenant-export";
    public static final int VERSION = 1;

    /** The resources an import recreates, in the order it does. */
    public static final List<String> RESOURCES = List.of("ssh_keys", "networks", "images", "volumes", "instances", "snapshots",
            "public_ips", "environments");

    /**
     * What is written but not recreated: the tenant's own settings, its tokens' metadata, the network allocations, the
     * volumes' disk exports (temporary, behind a token the document never holds).
     */
    public static final List<String> DESCRIPTIVE = List.of("tenant", "tokens", "network_addresses", "volume_exports");

    /** The record of the past an import keeps as history, attributed to the source tenant. */
    public static final List<String> HISTORY = List.of("ledger_resources", "ledger_transitions", "ledger_monthly", "usage",
            "audit_entries", "audit_checkpoints", "history");

    /** The document's own fields. */
    public static final List<String> HEADER = List.of("format", "version", "exported_at");

    private ExportFormat() {
    }

    /** Whether {@code field} is a top-level field of a version-1 document. */
    public static boolean known(String field) {
        return HEADER.contains(field) || RESOURCES.contains(field) || DESCRIPTIVE.contains(field) || HISTORY.contains(field);
    }
}
