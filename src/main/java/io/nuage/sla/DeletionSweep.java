package io.nuage.sla;

import io.nuage.db.Sql;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * A resource tombstoned without its deletion in the ledger (its observation lost with a crashed
 * replica, or dropped) would be billed and reported forever: this records it, at the
 * tombstone's time.
 */
final class DeletionSweep {

    /** Heads not deleted whose resource, in the table of its kind, is. */
    private static final String TOMBSTONED = """
            SELECT l.*, COALESCE(i.deleted_at, v.deleted_at, n.deleted_at, m.deleted_at, p.deleted_at) AS gone_at FROM ledger_resources l
            LEFT JOIN instances i ON i.id = l.resource_id AND l.kind = 'instance'
            LEFT JOIN volumes v ON v.id = l.resource_id AND l.kind = 'volume'
            LEFT JOIN networks n ON n.id = l.resource_id AND l.kind = 'network'
            LEFT JOIN images m ON m.id = l.resource_id AND l.kind = 'image'
            LEFT JOIN public_ips p ON p.id = l.resource_id AND l.kind = 'public_ip'
            WHERE l.category IS NOT NULL AND l.category <> 'deleted'
            AND COALESCE(i.deleted_at, v.deleted_at, n.deleted_at, m.deleted_at, p.deleted_at) IS NOT NULL""";

    private final Pool pool;
    private final ObservationQueue queue;

    DeletionSweep(Pool pool, ObservationQueue queue) {
        this.pool = pool;
        this.queue = queue;
    }

    void recordDeletions() {
        for (Row r : pool.query(TOMBSTONED).execute().await().atMost(Sql.AWAIT)) {
            if (queue.pending(r.getUUID("resource_id"))) {
                continue; // its deletion may be in the queue
            }
            queue.offer(LedgerStore.restated(r, Sql.instant(r, "gone_at"), Category.DELETED, "Deleted"), null);
        }
    }
}
