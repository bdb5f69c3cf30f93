package io.nuage.sla;

import io.nuage.sla.Observation.Sizes;
import io.vertx.mutiny.sqlclient.Row;

/**
 * What the ledger last recorded of a resource, read with the resource's row by every pass (one
 * join, no extra query), so a pass that sees nothing new queues nothing, whichever replica
 * recorded the last change.
 */
public record Recorded(Category category, Sizes sizes) {

    /** The columns {@link #of} reads, for a query joining {@code ledger_resources} as {@code alias}. */
    public static String columns(String alias) {
        return """
                %1$s.category AS ledger_category, %1$s.vcpus AS ledger_vcpus, %1$s.memory_mib AS ledger_memory_mib, \
                %1$s.storage_gib AS ledger_storage_gib""".formatted(alias);
    }

    /** Null when nothing is recorded yet. */
    public static Recorded of(Row r) {
        String category = r.getString("ledger_category");
        return category == null ? null : new Recorded(Category.of(category),
                new Sizes(r.getInteger("ledger_vcpus"), r.getInteger("ledger_memory_mib"), r.getInteger("ledger_storage_gib")));
    }
}
