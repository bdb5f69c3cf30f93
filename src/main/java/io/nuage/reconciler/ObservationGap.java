package io.nuage.reconciler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.nuage.db.Sql;
import io.nuage.platform.NuageConfig;
import io.nuage.sla.Ledger;
import io.nuage.status.Condition;
import io.nuage.status.ConditionStatus;
import io.nuage.work.WorkKind;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A time when no replica observed the cluster: every replica had stopped, or died. What happened then was not seen,
 * so the statuses written before it are not vouched for. A replica that starts while no other reconciler is alive
 * (no liveness session, {@link Leases}) marks every status {@code Synced=Unknown}, reason {@value #REASON}, with the
 * time observation stopped, before the API serves them as current; each resource's next pass replaces the mark with
 * what it sees, and a resource it finds down is recorded down from that time ({@code Observation#unobservedSince}).
 */
@Singleton
public class ObservationGap {

    private static final Logger LOG = Logger.getLogger(ObservationGap.class);
    static final String REASON = "Unobserved";
    /** The kinds whose resources have a status with conditions. */
    private static final List<WorkKind> WITH_STATUS = List.of(WorkKind.INSTANCE, WorkKind.VOLUME, WorkKind.NETWORK, WorkKind.PUBLIC_IP,
            WorkKind.SNAPSHOT, WorkKind.IMAGE);
    /** Replaces the Synced condition, keeping the others. */
    private static final String MARK = """
            UPDATE %s SET conditions = COALESCE((SELECT jsonb_agg(c) FROM jsonb_array_elements(conditions) c
                WHERE c->>'type' <> 'Synced'), '[]'::jsonb)
              || jsonb_build_array(jsonb_build_object('type', 'Synced', 'status', 'Unknown', 'reason', $1::text,
                   'message', $2::text, 'last_transition_time', $3::text))
            WHERE deleted_at IS NULL""";

    private final Pool pool;
    private final Ledger ledger;
    private final Clock clock;
    private final Duration heartbeat;

    ObservationGap(Pool pool, Ledger ledger, Clock clock, NuageConfig config) {
        this.heartbeat = config.sla().heartbeat();
        this.pool = pool;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * Marks the statuses when no reconciler but {@code worker} has its liveness session open (asked before its own
     * opens), or when no replica recorded observing for two heartbeats: a replica whose node died can leave its session
     * in pg_stat_activity until TCP keepalive notices, but its heartbeat stops. A failure is logged: the initial resync
     * corrects the statuses soon after anyway.
     */
    void markIfNobodyObserving(WorkQueue queue, String worker) {
        try {
            if (silent(ledger.lastBeatBeforeStart(), clock.instant(), heartbeat) || queue.liveReconcilers(worker).await().atMost(Sql.AWAIT) == 0) {
                mark();
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not mark the statuses written before no replica observed; the initial resync corrects them", e);
        }
    }

    /** No replica recorded observing (the SLA heartbeat) for two heartbeats before {@code now}, or ever. */
    static boolean silent(Instant lastBeat, Instant now, Duration heartbeat) {
        return lastBeat == null || Duration.between(lastBeat, now).compareTo(heartbeat.multipliedBy(2)) > 0;
    }

    /** Marks every status as not vouched for since observation stopped; returns how many were marked. */
    int mark() {
        Instant lastBeat = ledger.lastBeatBeforeStart();
        Instant since = lastBeat != null ? lastBeat : clock.instant();
        String message = "No Nuage replica observed the cluster from " + since + " until one started at " + clock.instant()
                + ": this status is from before then, until a reconcile pass compares it with the cluster";
        int marked = 0;
        for (WorkKind kind : WITH_STATUS) {
            marked += pool.preparedQuery(MARK.formatted(kind.table())).execute(Tuple.of(REASON, message, since.toString()))
                    .await().atMost(Sql.AWAIT).rowCount();
        }
        if (marked > 0) {
            LOG.warnf("No other replica was observing the cluster (last seen observing at %s): %d status(es) marked"
                    + " Synced=Unknown until their passes compare them", since, marked);
        }
        return marked;
    }

    /** When observation stopped, if {@code conditions} carry the mark of a gap no pass has looked at since; else null. */
    static Instant since(List<Condition> conditions) {
        for (Condition c : conditions) {
            if ("Synced".equals(c.type()) && c.status() == ConditionStatus.UNKNOWN && REASON.equals(c.reason())) {
                return c.lastTransitionTime();
            }
        }
        return null;
    }
}
