package io.nuage.events;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.nuage.db.DatabaseOutage;
import io.nuage.db.Sql;
import io.nuage.platform.NuageConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code events} table: every change of a tenant's instances, volumes, networks and snapshots, written by the
 * tables' own triggers (migration V16), and read by position. A position is given to an event once its transaction has
 * committed ({@link #number}, migration V19): ids are drawn when a row is written, so a transaction that commits after
 * a later one would otherwise slip an event behind a reader's position, and the reader would never see it.
 */
@ApplicationScoped
public class EventStore {

    /** One change; {@code id} is its position, to resume from. */
    public record Event(long id, String kind, UUID resourceId, String name, String phase, long generation, String cause,
            Instant at) {
    }

    /** How often committed events are numbered: how long at most an event waits to be shown. */
    static final long NUMBER_EVERY_MILLIS = 100;
    /**
     * Numbers the committed events without a position, oldest first, one numbering at a time across every replica (a
     * transaction-scoped advisory lock: the next numbering starts after this one committed, so its positions are
     * greater and become visible later). A replica that does not get the lock leaves the work to the one that has it.
     */
    private static final String NUMBER = """
            WITH turn AS (SELECT pg_try_advisory_xact_lock(%d) AS mine),
            numbered AS (
              SELECT id, nextval('event_positions') AS position FROM (
                SELECT id FROM events WHERE position IS NULL AND (SELECT mine FROM turn) ORDER BY id LIMIT 10000) pending)
            UPDATE events e SET position = numbered.position FROM numbered
            WHERE e.id = numbered.id AND e.position IS NULL""".formatted(0x4e75616765L);
    private static final String AFTER = """
            SELECT position, kind, resource_id, name, phase, generation, cause, at FROM events
            WHERE tenant_id = $1 AND position > $2 ORDER BY position LIMIT $3""";
    private static final String LATEST = "SELECT COALESCE(max(position), 0) AS position FROM events WHERE tenant_id = $1";
    private static final Logger LOG = Logger.getLogger(EventStore.class);
    private static final int SWEEP_BATCH = 10_000;
    /** In batches, so a long backlog never holds a long lock. */
    private static final String SWEEP = """
            DELETE FROM events WHERE id IN (SELECT id FROM events WHERE at < $1 ORDER BY id LIMIT %d)""".formatted(SWEEP_BATCH);

    private final Pool pool;
    private final Clock clock;
    private final NuageConfig config;
    private final DatabaseOutage outage;
    private final Vertx vertx;
    private final AtomicBoolean numbering = new AtomicBoolean();
    private long timer = -1;

    EventStore(Pool pool, Clock clock, NuageConfig config, DatabaseOutage outage, Vertx vertx) {
        this.vertx = vertx;
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
        return pool.preparedQuery(LATEST).execute(Tuple.of(tenantId)).map(rows -> rows.iterator().next().getLong("position"));
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(NUMBER_EVERY_MILLIS, id -> number());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One numbering, unless the last one still runs; a failure (the database away) is tried again at the next tick. */
    void number() {
        if (!numbering.compareAndSet(false, true)) {
            return;
        }
        pool.query(NUMBER).execute().subscribe().with(rows -> numbering.set(false), failure -> {
            numbering.set(false);
            if (!outage.unavailable(failure)) {
                LOG.debugf("Numbering events failed; the next tick tries again: %s", failure.getMessage());
            }
        });
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
        return new Event(r.getLong("position"), r.getString("kind"), r.getUUID("resource_id"), r.getString("name"),
                r.getString("phase"), r.getLong("generation"), r.getString("cause"), Sql.instant(r, "at"));
    }
}
