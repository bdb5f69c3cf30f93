package io.nuage.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.nuage.db.Sql;
import io.nuage.platform.NuageConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Each replica's proof that it is observing ({@code ledger_observers}), and what the ledger
 * records when none was: a time nobody observed is unknown, not up or down.
 */
final class ObserverHeartbeat {

    /** Logged as the ledger, as before the heartbeat had a class of its own. */
    private static final Logger LOG = Logger.getLogger(Ledger.class);

    private static final String BEAT = """
            INSERT INTO ledger_observers (replica, beat_at) VALUES ($1, $2)
            ON CONFLICT (replica) DO UPDATE SET beat_at = EXCLUDED.beat_at""";

    /** Replicas gone for a week: no gap that old is still to be recorded. */
    private static final String FORGET_SILENT = """
            DELETE FROM ledger_observers WHERE beat_at < $1""";

    private static final String LAST_BEAT = """
            SELECT max(beat_at) AS last FROM ledger_observers""";

    /** The heads a gap applies to: not deleted, and not already unknown. */
    private static final String OBSERVED_HEADS = """
            SELECT * FROM ledger_resources WHERE category IS NOT NULL AND category NOT IN ('deleted', 'unknown')""";

    private final Pool pool;
    private final Clock clock;
    private final NuageConfig config;
    private final LedgerStore store;
    private final String replica = UUID.randomUUID().toString();

    ObserverHeartbeat(Pool pool, Clock clock, NuageConfig config, LedgerStore store) {
        this.pool = pool;
        this.clock = clock;
        this.config = config;
        this.store = store;
    }

    void beat() {
        Instant now = clock.instant();
        pool.preparedQuery(BEAT).execute(Tuple.of(replica, Sql.timestamp(now))).await().atMost(Sql.AWAIT);
        pool.preparedQuery(FORGET_SILENT).execute(Tuple.of(Sql.timestamp(now.minus(Duration.ofDays(7))))).await().atMost(Sql.AWAIT);
    }

    /**
     * When every replica was silent for longer than the allowed gap, nobody saw what happened:
     * each resource's history records that time as unknown, from the last heartbeat, before
     * the passes that follow record what it is now. Returns the last heartbeat before this replica's (null: none).
     */
    Instant recordGap() {
        Row last = pool.query(LAST_BEAT).execute().await().atMost(Sql.AWAIT).iterator().next();
        Instant lastBeat = Sql.instant(last, "last");
        Instant now = clock.instant();
        if (lastBeat == null || Duration.between(lastBeat, now).compareTo(config.sla().observerGap()) <= 0) {
            return lastBeat;
        }
        String reason = "No Nuage replica was observing from " + lastBeat + " to " + now;
        List<Observation> gap = new ArrayList<>();
        for (Row r : pool.query(OBSERVED_HEADS).execute().await().atMost(Sql.AWAIT)) {
            // A replica may have recorded a transition after its last heartbeat: the unknown starts after it.
            Instant since = Sql.instant(r, "since");
            gap.add(LedgerStore.restated(r, since.isAfter(lastBeat) ? since : lastBeat, Category.UNKNOWN, reason));
        }
        // Written before the reconciler starts, so its first passes see it and record what is now.
        for (int i = 0; i < gap.size(); i += LedgerStore.BATCH) {
            store.write(gap.subList(i, Math.min(gap.size(), i + LedgerStore.BATCH)));
        }
        int n = gap.size();
        LOG.warnf("%s: recorded as unknown for %d resources", reason, n);
        return lastBeat;
    }
}
