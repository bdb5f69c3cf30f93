package io.nuage.events;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.nuage.db.DatabaseOutage;
import io.nuage.db.Sql;
import io.nuage.platform.NuageConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code events} table: every change of a tenant's instances, volumes, networks and snapshots, in the order it
 * was committed (an identity column), written by the tables' own triggers (migration V16). Read here by position.
 */
@ApplicationScoped
public class EventStore {

    /** One change; {@code id} is its position, to resume from. */
    public record Event(long id, String kind, UUID resourceId, String name, String phase, long generation, String cause,
            Instant at) {
    }

    /**
     * Ids are drawn when a row is written, not when its transaction commits: a transaction that commits after a later
     * one could show an event behind a reader's position, which the reader would then never see. So readers stay
     * {@value #SETTLE_SECONDS} s behind the writes; a transaction slower than that from its change to its commit
     * (none of Nuage's is, short of a stalled database) could still slip one behind.
     */
    static final int SETTLE_SECONDS = 2;
    private static final String AFTER = """
            SELECT id, kind, resource_id, name, phase, generation, cause, at FROM events
            WHERE tenant_id = $1 AND id > $2 AND at < clock_timestamp() - make_interval(secs => %d)
            ORDER BY id LIMIT $3""".formatted(SETTLE_SECONDS);
    private static final String LATEST = """
            SELECT COALESCE(max(id), 0) AS id FROM events
            WHERE tenant_id = $1 AND at < clock_timestamp() - make_interval(secs => %d)""".formatted(SETTLE_SECONDS);
    private static final Logger LOG = Logger.getLogger(EventStore.class);
    private static final int SWEEP_BATCH = 10_000;
    /** In batches, so a long backlog never holds a long lock. */
    private static final String SWEEP = """
            DELETE FROM events WHERE id IN (SELECT id FROM events WHERE at < $1 ORDER BY id LIMIT %d)""".formatted(SWEEP_BATCH);

    private final Pool pool;
    private final Clock clock;
    private final NuageConfig config;
    private final DatabaseOutage outage;

    EventStore(Pool pool, Clock clock, NuageConfig config, DatabaseOutage outage) {
        this.pool = pool;
        this.clock = clock;
        this.config = config;
        this.outage = outage;
    }

    /** Up to {@code limit} events of the tenant after position {@code since}, oldest first. */
    public Uni<List<Event>> after(UUID tenantId, long since, int limit) {
        return pool.preparedQuery(AFTER).execute(Tuple.of(tenantId, since, limit)).map(rows -> {
            List<Event> out = new ArrayList<>();
            rows.forEach(r -> out.add(event(r)));
            return out;
        });
    }

    /** The position of the tenant's latest event (0: none): a stream without Last-Event-ID starts there. */
    public Uni<Long> latest(UUID tenantId) {
        return pool.preparedQuery(LATEST).execute(Tuple.of(tenantId)).map(rows -> rows.iterator().next().getLong("id"));
    }

    /** Deletes the events older than the retention ({@code nuage.api.events-retention}), in batches. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            sweep(clock.instant().minus(config.api().eventsRetention()));
        } catch (RuntimeException e) {
            if (!outage.unavailable(e)) {
                LOG.warn("Sweeping old events failed; the next sweep tries again", e);
            }
        }
    }

    /** Deletes the events older than {@code before}; returns how many. */
    int sweep(Instant before) {
        int total = 0;
        int deleted;
        do {
            deleted = pool.preparedQuery(SWEEP).execute(Tuple.of(Sql.timestamp(before))).await().atMost(Sql.AWAIT).rowCount();
            total += deleted;
        } while (deleted == SWEEP_BATCH);
        return total;
    }

    private static Event event(Row r) {
        return new Event(r.getLong("id"), r.getString("kind"), r.getUUID("resource_id"), r.getString("name"),
                r.getString("phase"), r.getLong("generation"), r.getString("cause"), Sql.instant(r, "at"));
    }
}
