package io.nuage.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/** Which failures mean the database is away (answered 503), and which are bugs (500). */
class DatabaseOutageTest {

    @Test
    void aRefusedOrLostConnectionOrAShuttingDownServerIsAnOutage() {
        assertTrue(DatabaseOutage.isUnavailable(new ConnectException("Connection refused")));
        assertTrue(DatabaseOutage.isUnavailable(new RuntimeException("wrapped", new ConnectException("Connection refused"))));
        assertTrue(DatabaseOutage.isUnavailable(ClosedConnectionException.INSTANCE));
        assertTrue(DatabaseOutage.isUnavailable(new PgException("terminating connection", "FATAL", "57P01", null)));
        assertTrue(DatabaseOutage.isUnavailable(new PgException("the database system is starting up", "FATAL", "57P03", null)));
        assertTrue(DatabaseOutage.isUnavailable(new PgException("connection failure", "FATAL", "08006", null)));
    }

    @Test
    void aFailingStatementIsNot() {
        assertFalse(DatabaseOutage.isUnavailable(new PgException("syntax error", "ERROR", "42601", null)));
        assertFalse(DatabaseOutage.isUnavailable(new PgException("duplicate key", "ERROR", "23505", null)));
        assertFalse(DatabaseOutage.isUnavailable(new IllegalStateException("a bug")));
    }

    /**
     * A clean stop once logged "Database unreachable (Pool closed)": a job that began before the stop ran into the
     * pools closed under it. That is the stop's doing: still unavailable to the caller, but no outage is reported.
     */
    @Test
    void aPoolClosedByTheStopIsUnavailableButNoOutage() {
        Vertx vertx = Vertx.vertx();
        try (Warnings warnings = new Warnings()) {
            DatabaseOutage outage = new DatabaseOutage(null, vertx);
            outage.onStop(null);

            assertTrue(outage.unavailable(new VertxException("Pool closed", true)));
            assertEquals(List.of(), warnings.messages());
        } finally {
            vertx.close();
        }
    }

    @Test
    void anOutageWhileRunningIsLoggedOnce() {
        Vertx vertx = Vertx.vertx();
        try (Warnings warnings = new Warnings()) {
            DatabaseOutage outage = new DatabaseOutage(null, vertx);

            assertTrue(outage.unavailable(new ConnectException("Connection refused")));
            assertTrue(outage.unavailable(ClosedConnectionException.INSTANCE));
            assertEquals(List.of("Database unreachable (ConnectException: Connection refused): requests answer 503 until it is back"),
                    warnings.messages());
        } finally {
            vertx.close();
        }
    }

    /** What DatabaseOutage logs above INFO while open. */
    private static final class Warnings extends Handler implements AutoCloseable {
        private final Logger logger = Logger.getLogger(DatabaseOutage.class.getName());
        private final List<LogRecord> records = new CopyOnWriteArrayList<>();

        Warnings() {
            logger.addHandler(this);
        }

        List<String> messages() {
            return records.stream().map(LogRecord::getMessage).toList();
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() > Level.INFO.intValue()) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
