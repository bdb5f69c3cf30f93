package io.nuage.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import io.nuage.platform.SecretFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Who may connect to the embedded PostgreSQL: the superuser {@code postgres} with the password kept in
 * {@code <data-dir>/database-password} (mode 0600, beside the admin token), over TCP on 127.0.0.1, authenticated
 * with SCRAM-SHA-256. Nothing else: no password-less connection, no other address, no Unix socket.
 *
 * <p>A new data directory gets the password from initdb, so it never accepts a connection without it. One made by
 * an earlier Nuage (zonky's default: {@code trust} for every local connection, no password) is migrated at its
 * first start: it starts as it was, the password is set, {@code pg_hba.conf} is rewritten and the configuration
 * reloaded. Until then it accepted any local connection anyway; afterwards, only the password.
 */
final class EmbeddedDatabaseAuth {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final String MARK = "# Written by Nuage";
    /** Every connection authenticates; there is no Unix socket ({@link #serverConfig}), so only the host lines serve. */
    private static final String HBA = MARK + """
            : every connection authenticates with the password in ../database-password (SCRAM-SHA-256).
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            local   all       all                 scram-sha-256
            host    all       all   127.0.0.1/32  scram-sha-256
            """;

    private final Path passwordFile;
    private final Path pgDir;
    private final String password;

    private EmbeddedDatabaseAuth(Path passwordFile, Path pgDir, String password) {
        this.passwordFile = passwordFile;
        this.pgDir = pgDir;
        this.password = password;
    }

    /**
     * Reads or makes the password for the server in {@code pgDir}. A data directory already secured by Nuage whose
     * password file is gone cannot be opened: say so rather than fail on authentication a minute later.
     */
    static EmbeddedDatabaseAuth of(Path nuageDataDir, Path pgDir, boolean fresh) {
        Path file = nuageDataDir.resolve("database-password").toAbsolutePath();
        if (!fresh && secured(pgDir) && !Files.exists(file)) {
            throw new IllegalStateException("The embedded PostgreSQL in " + pgDir + " needs the password that was kept in "
                    + file + ", which is missing: restore it from the backup of the data directory");
        }
        String password = SecretFiles.readOrCreate(file, "database password", () -> SecretFiles.newSecret(32),
                "restore it from the backup of the data directory");
        return new EmbeddedDatabaseAuth(file, pgDir, password);
    }

    String password() {
        return password;
    }

    /** Server settings: TCP on 127.0.0.1 alone, no Unix socket (whose default directory, /tmp, any local user reaches). */
    static void serverConfig(EmbeddedPostgres.Builder builder) {
        builder.setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("password_encryption", "scram-sha-256");
    }

    /**
     * For a data directory about to be initialised: zonky runs initdb with {@code -A trust} and passes its "locale"
     * settings as {@code --key=value} options after it, the only initdb options it lets us add; a later option wins,
     * so the superuser gets its password and every connection must give it from the first start.
     */
    void initdbOptions(EmbeddedPostgres.Builder builder) {
        builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", passwordFile.toString());
    }

    /** Before the server starts: a directory initialised with the password gets Nuage's pg_hba.conf. */
    void beforeStart(boolean fresh) {
        if (fresh) {
            writeHba();
        }
    }

    /**
     * After the server started: a data directory that still trusts local connections (an earlier Nuage's) gets the
     * password, Nuage's pg_hba.conf and a reload. The password goes to the server as a SCRAM verifier computed
     * here, so it appears in no statement and no server log.
     */
    void afterStart(EmbeddedPostgres postgres) {
        if (secured(pgDir)) {
            return;
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            c.unwrap(PGConnection.class).alterUserPassword("postgres", password.toCharArray(), "scram-sha-256");
            writeHba();
            st.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot set up password authentication of the embedded PostgreSQL in " + pgDir, e);
        }
        LOG.infof("Embedded PostgreSQL in %s made by an earlier version: it now requires the password kept in %s",
                pgDir, passwordFile);
    }

    /** Whether pg_hba.conf is Nuage's: the password is set and required. */
    private static boolean secured(Path pgDir) {
        Path hba = pgDir.resolve("pg_hba.conf");
        try {
            return Files.exists(hba) && Files.readString(hba, StandardCharsets.UTF_8).startsWith(MARK);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + hba, e);
        }
    }

    private void writeHba() {
        try {
            SecretFiles.write(pgDir.resolve("pg_hba.conf"), HBA.strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + pgDir.resolve("pg_hba.conf"), e);
        }
    }
}
