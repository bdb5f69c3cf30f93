package io.nuage.reconciler;

import org.jboss.logging.Logger;

import io.nuage.db.DatabaseOutage;
import io.nuage.work.WorkItems;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;

/**
 * This replica's LISTEN connection: NOTIFYs of new work wake the dispatcher through it, and its application name
 * ({@link Leases#SESSION_PREFIX} and the worker) tells every other replica this one is alive. Until it is open, the
 * others would free whatever this replica claimed, so the dispatcher claims nothing. A connection lost or refused
 * is tried again every second.
 */
final class LivenessSession {

    private static final Logger LOG = Logger.getLogger(LivenessSession.class);
    private static final long RETRY_MILLIS = 1000;

    private final Vertx vertx;
    private final DatabaseOutage outage;
    private final PgSubscriber subscriber;
    private volatile boolean closed;

    LivenessSession(Vertx vertx, PgConnectOptions options, String worker, DatabaseOutage outage, Runnable onNotify) {
        this.vertx = vertx;
        this.outage = outage;
        // Its own metrics name, since this connection is not part of a pool.
        PgConnectOptions named = new PgConnectOptions(options).setMetricsName("nuage-listen")
                .addProperty("application_name", Leases.SESSION_PREFIX + worker);
        this.subscriber = PgSubscriber.subscriber(vertx, named).reconnectPolicy(retries -> RETRY_MILLIS);
        subscriber.channel(WorkItems.CHANNEL).handler(payload -> onNotify.run());
        connect();
    }

    private void connect() {
        subscriber.connect().onFailure(e -> {
            if (!outage.unavailable(e)) {
                LOG.warn("LISTEN failed; retrying every second", e);
            }
            if (!closed) {
                vertx.setTimer(RETRY_MILLIS, id -> connect());
            }
        });
    }

    boolean open() {
        return subscriber.actualConnection() != null;
    }

    void close() {
        closed = true;
        subscriber.close();
    }
}
