package io.nuage.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL as a local user meets it: it accepts the superuser with the password kept in the data
 * directory, refuses it without, listens on 127.0.0.1 alone, and commits to disk. A data directory made by an earlier
 * version (no password, every local connection trusted) keeps its data and gets the same protection.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void aNewDatabaseRequiresItsPasswordAndListensOnLoopbackOnly() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.open(dataDir, false)) {
            Path passwordFile = dataDir.resolve("database-password");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
            assertEquals(db.password(), Files.readString(passwordFile).trim());
            assertTrue(db.password().length() >= 32);

            assertRefused(db.port(), null);
            assertRefused(db.port(), "not-the-password");
            try (Connection c = connect(db.port(), db.password())) {
                assertEquals("127.0.0.1", show(c, "listen_addresses"));
                assertEquals("on", show(c, "synchronous_commit"), "a commit answered is on disk");
                assertEquals("on", show(c, "fsync"));
                assertEquals("", show(c, "unix_socket_directories"), "no Unix socket");
            }
            assertFalse(Files.exists(Path.of("/tmp/.s.PGSQL." + db.port())), "no Unix socket in /tmp");
        }
    }

    @Test
    void aDatabaseOfAnEarlierVersionIsMigratedAndKeepsItsData() throws Exception {
        // What earlier versions made: zonky's defaults, initdb -A trust, no password.
        try (EmbeddedPostgres legacy = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false).start();
                Connection c = legacy.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE kept (v text)");
            st.execute("INSERT INTO kept VALUES ('from before the upgrade')");
        }

        try (EmbeddedDatabase db = EmbeddedDatabase.open(dataDir, false)) {
            assertRefused(db.port(), null);
            try (Connection c = connect(db.port(), db.password())) {
                assertEquals("from before the upgrade", firstValue(c, "SELECT v FROM kept"));
            }
        }
        assertTrue(Files.readString(dataDir.resolve("postgres/pg_hba.conf")).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).noneMatch(l -> l.contains("trust")), "nothing trusted any more");

        // The next start finds it migrated, with the same password.
        try (EmbeddedDatabase db = EmbeddedDatabase.open(dataDir, false)) {
            assertRefused(db.port(), null);
            try (Connection c = connect(db.port(), db.password())) {
                assertEquals("from before the upgrade", firstValue(c, "SELECT v FROM kept"));
            }
        }
    }

    @Test
    void aSecuredDatabaseWhosePasswordFileIsGoneSaysWhatIsMissing() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.open(dataDir, false)) {
            assertTrue(db.port() > 0);
        }
        Path passwordFile = dataDir.resolve("database-password").toAbsolutePath();
        Files.delete(passwordFile);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EmbeddedDatabase.open(dataDir, false));
        assertTrue(e.getMessage().contains(passwordFile.toString()), e.getMessage());
    }

    private static void assertRefused(int port, String password) {
        SQLException e = assertThrows(SQLException.class, () -> connect(port, password).close());
        String message = String.valueOf(e.getMessage());
        assertTrue(message.contains("password"), "refused for want of the password: " + message);
    }

    private static Connection connect(int port, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p);
    }

    private static String show(Connection c, String setting) throws SQLException {
        return firstValue(c, "SHOW " + setting);
    }

    private static String firstValue(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet r = st.executeQuery(sql)) {
            assertTrue(r.next());
            return r.getString(1);
        }
    }
}
