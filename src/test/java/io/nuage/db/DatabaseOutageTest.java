package io.nuage.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;

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
}
