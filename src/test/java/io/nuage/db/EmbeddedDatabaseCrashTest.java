package io.nuage.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL after its Nuage was killed with SIGKILL: the server does not outlive the JVM for long, a
 * server left running anyway is stopped by the next start in the folder, which starts the first time and keeps the
 * data; a lock file naming someone else's process is left alone with a clear error.
 */
class EmbeddedDatabaseCrashTest {

    private static final long RESTART_GOAL_MILLIS = 10_000;

    @TempDir
    Path dataDir;

    private Process unrelated;

    @AfterEach
    void stopWhatIsLeft() throws Exception {
        if (unrelated != null) {
            unrelated.destroyForcibly();
        }
        // A test that failed may leave a server running: stop it, as an operator would.
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        if (Files.exists(pidFile)) {
            ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim())).ifPresent(ProcessHandle::destroy);
        }
    }

    @Test
    void aServerLeftRunningByAKilledJvmIsStoppedAndTheNextStartWorksTheFirstTime() throws Exception {
        EmbeddedDatabaseJvm child = EmbeddedDatabaseJvm.start(dataDir);
        long leftover = postmasterPid();
        // What a Nuage without a watchdog (an earlier version, or one whose watchdog died with it) leaves behind.
        child.killWithDescendants();
        assertTrue(ProcessHandle.of(leftover).map(ProcessHandle::isAlive).orElse(false), "a genuine leftover server");

        long started = System.nanoTime();
        try (EmbeddedDatabase db = EmbeddedDatabase.open(dataDir, false)) {
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("[measure] start after a leftover server was stopped: %d ms (goal <= %d ms)%n", millis,
                    RESTART_GOAL_MILLIS);
            assertTrue(millis <= RESTART_GOAL_MILLIS, "started in " + millis + " ms");
            assertNotEquals(leftover, postmasterPid(), "a new server, not the leftover");
            assertEquals(EmbeddedDatabaseJvm.ROW, keptRow(db));
        }
    }

    /** A second Nuage started in the folder of one that runs is refused, and the first keeps its database. */
    @Test
    void aSecondStartInTheFolderOfARunningNuageIsRefused() throws Exception {
        EmbeddedDatabaseJvm child = EmbeddedDatabaseJvm.start(dataDir);
        long running = postmasterPid();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EmbeddedDatabase.open(dataDir, false));
        assertTrue(e.getMessage().contains("Another Nuage is running"), e.getMessage());
        assertTrue(ProcessHandle.of(running).map(ProcessHandle::isAlive).orElse(false), "the first Nuage's server still runs");
        assertEquals(running, postmasterPid());
        child.kill();
        // Its watchdog stops the server; the folder is removed after that.
        io.nuage.support.Await.until(Duration.ofSeconds(10), "the first Nuage's server stopped",
                () -> !ProcessHandle.of(running).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void theServerStopsSoonAfterItsJvmIsKilled() throws Exception {
        EmbeddedDatabaseJvm child = EmbeddedDatabaseJvm.start(dataDir);
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        long killed = System.nanoTime();
        child.kill();
        // The server removes its lock file as the last step of an orderly shutdown.
        long deadline = killed + TimeUnit.SECONDS.toNanos(10);
        while (Files.exists(pidFile) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long millis = (System.nanoTime() - killed) / 1_000_000;
        System.out.printf("[measure] server stopped %d ms after its JVM was killed%n", millis);
        assertTrue(!Files.exists(pidFile), "the server shut down within 10 s of its JVM's death: " + child.log());

        try (EmbeddedDatabase db = EmbeddedDatabase.open(dataDir, false)) {
            assertEquals(EmbeddedDatabaseJvm.ROW, keptRow(db));
        }
    }

    @Test
    void aLockFileNamingAnotherLiveProcessIsLeftAloneWithAClearError() throws Exception {
        EmbeddedDatabase.open(dataDir, false).close();
        unrelated = new ProcessBuilder("sleep", "60").start();
        Path pidFile = dataDir.resolve("postgres/postmaster.pid").toAbsolutePath();
        String lockFile = unrelated.pid() + "\n" + pidFile.getParent() + "\n";
        Files.writeString(pidFile, lockFile);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EmbeddedDatabase.open(dataDir, false));
        assertTrue(e.getMessage().contains(pidFile.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("PID " + unrelated.pid()), e.getMessage());
        assertTrue(unrelated.isAlive(), "the other process is untouched");
        assertEquals(lockFile, Files.readString(pidFile), "the lock file is untouched");
    }

    @Test
    void aLockFileOfAServerThatDiedIsLeftToPostgres() throws Exception {
        String lockFile;
        try (EmbeddedDatabase db = EmbeddedDatabase.open(dataDir, false)) {
            lockFile = Files.readString(dataDir.resolve("postgres/postmaster.pid"));
        }
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        // The server's own lock file as a server killed with all its processes leaves it: its PID is dead.
        Files.writeString(dataDir.resolve("postgres/postmaster.pid"), lockFile.replaceFirst("^\\d+", Long.toString(gone.pid())));

        long started = System.nanoTime();
        try (EmbeddedDatabase db = EmbeddedDatabase.open(dataDir, false)) {
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis <= RESTART_GOAL_MILLIS, "started in " + millis + " ms");
            assertTrue(db.port() > 0);
        }
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
    }

    private static String keptRow(EmbeddedDatabase db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + db.port() + "/postgres", "postgres",
                db.password()); Statement st = c.createStatement(); ResultSet r = st.executeQuery("SELECT v FROM kept")) {
            assertTrue(r.next());
            return r.getString(1);
        }
    }
}
