package io.nuage.db;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Whether a failure means the database cannot be reached (refused, closed, shutting down), and the outage it belongs
 * to: one WARN when the database goes, one INFO when it answers again, nothing per request in between. Callers answer
 * such failures as unavailable, not as bugs. Once Nuage stops, a closed pool is its own doing, not an outage: a job or
 * request that ran into it is still answered as unavailable, and nothing is logged above DEBUG.
 */
@Singleton
public class DatabaseOutage {

    private static final Logger LOG = Logger.getLogger(DatabaseOutage.class);
    /** PostgreSQL's connection exceptions (class 08) and its shutdown and start-up states. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03");
    private static final long PROBE_MILLIS = 1000;

    private final Pool pool;
    private final Vertx vertx;
    /** When the current outage began; null while the database answers. */
    private final AtomicReference<Instant> since = new AtomicReference<>();
    private volatile boolean stopping;

    DatabaseOutage(Pool pool, Vertx vertx) {
        this.pool = pool;
        this.vertx = vertx;
    }

    /** True when {@code failure} says the database is away; the first such failure of an outage is logged. */
    public boolean unavailable(Throwable failure) {
        if (!isUnavailable(failure)) {
            return false;
        }
        if (stopping) {
            // A scheduled job or a request that began before the stop can outlive the pools: nobody has to act on it.
            LOG.debugf("Database not reachable while Nuage stops (%s)", summary(failure));
            return true;
        }
        if (since.compareAndSet(null, Instant.now())) {
            LOG.warnf("Database unreachable (%s): requests answer 503 until it is back", summary(failure));
            vertx.setTimer(PROBE_MILLIS, id -> probe());
        }
        return true;
    }

    /** First of all shutdown observers: whatever fails on the database from now on is the stop's doing. */
    void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        stopping = true;
    }

    static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedConnectionException) {
                return true;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || UNAVAILABLE_STATES.contains(pg.getSqlState()))) {
                return true;
            }
            if (t.getMessage() != null && (t.getMessage().contains("Pool closed") || t.getMessage().contains("Connection refused"))) {
                return true;
            }
        }
        return false;
    }

    private void probe() {
        pool.query("SELECT 1").execute().subscribe().with(rows -> {
            Instant began = since.getAndSet(null);
            if (began != null) {
                LOG.infof("Database reachable again after %d s", Duration.between(began, Instant.now()).toSeconds());
            }
        }, e -> vertx.setTimer(PROBE_MILLIS, id -> probe()));
    }

    private static String summary(Throwable failure) {
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }
}
