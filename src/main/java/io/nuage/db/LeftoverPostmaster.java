package io.nuage.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * A PostgreSQL server still running in our data directory when Nuage starts: pg_ctl detaches the server from the JVM,
 * so a Nuage killed with SIGKILL (no shutdown hook runs) can leave it behind, holding {@code postmaster.pid}, and a new
 * server in the same folder would refuse to start. Such a leftover is stopped before the new one starts; PostgreSQL
 * then recovers from its write-ahead log as after any stop.
 *
 * <p>A lock file naming a process that is not PostgreSQL serving this folder (its PID reused since, or some other
 * server) is left alone, and so is that process: the start stops with a message saying what to check. A lock file
 * naming no live process is PostgreSQL's own business: it removes it itself.
 */
final class LeftoverPostmaster {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final long FAST_SHUTDOWN_WAIT_MILLIS = 10_000;
    private static final long IMMEDIATE_SHUTDOWN_WAIT_MILLIS = 5_000;

    private LeftoverPostmaster() {
    }

    /** The PID on the first line of {@code <pgDir>/postmaster.pid}; empty without such a file or number. */
    static OptionalLong pid(Path pgDir) {
        Path file = pgDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Stops the server left running in {@code pgDir}, if any; see the class comment. */
    static void stopIn(Path pgDir) {
        OptionalLong pid = pid(pgDir);
        Optional<ProcessHandle> running = pid.isPresent()
                ? ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive) : Optional.empty();
        if (running.isEmpty()) {
            return; // no lock file, or a stale one: PostgreSQL removes that itself
        }
        ProcessHandle postmaster = running.get();
        Path lockFile = pgDir.resolve("postmaster.pid").toAbsolutePath();
        if (!servesDirectory(postmaster, pgDir)) {
            if (!Files.exists(lockFile)) {
                return; // it was ours after all, and has just finished stopping
            }
            throw new IllegalStateException("The lock file " + lockFile + " names PID " + postmaster.pid()
                    + ", a running process that is not the embedded PostgreSQL of " + pgDir + " ("
                    + postmaster.info().command().orElse("a process Nuage cannot inspect")
                    + "). Nuage leaves the process and the file alone: if that process is a PostgreSQL using this folder, stop it; if it is"
                    + " not, delete " + lockFile + " and start Nuage again.");
        }
        long started = System.nanoTime();
        try {
            // SIGINT is PostgreSQL's fast shutdown: its clients died with the JVM; SIGQUIT, immediate, if that hangs.
            if (!signalAndWait(postmaster, "INT", lockFile, FAST_SHUTDOWN_WAIT_MILLIS)
                    && !signalAndWait(postmaster, "QUIT", lockFile, IMMEDIATE_SHUTDOWN_WAIT_MILLIS)) {
                throw new IllegalStateException("The embedded PostgreSQL left running in " + pgDir + " (PID " + postmaster.pid()
                        + ") by an earlier Nuage did not stop on SIGINT nor SIGQUIT: stop it, then start Nuage again.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the embedded PostgreSQL left running in " + pgDir, e);
        }
        LOG.warnf("Embedded PostgreSQL: stopped the server an earlier Nuage left running in %s (PID %d) in %d ms;"
                + " it recovers from its log at this start", pgDir, postmaster.pid(), (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Whether {@code process} is a PostgreSQL server whose data directory ({@code -D}, as pg_ctl passes it) is
     * {@code pgDir}. A process of another user cannot be inspected, and is not ours.
     */
    private static boolean servesDirectory(ProcessHandle process, Path pgDir) {
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command().map(c -> Path.of(c).getFileName().toString())
                .filter(name -> name.equals("postgres") || name.equals("postgres.exe")).isPresent();
        List<String> args = info.arguments().map(List::of).orElse(List.of());
        int d = args.indexOf("-D");
        if (!postgres || d < 0 || d + 1 >= args.size()) {
            return false;
        }
        try {
            return Files.isSameFile(Path.of(args.get(d + 1)), pgDir);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Sends {@code signal} and waits until the server has stopped: its lock file removed (the last step of an
     * orderly stop) or the process gone. Where the {@code kill} command is missing, the JVM's own termination is
     * sent instead.
     */
    private static boolean signalAndWait(ProcessHandle postmaster, String signal, Path lockFile, long waitMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(postmaster.pid())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(waitMillis, TimeUnit.MILLISECONDS);
        } catch (IOException noKillCommand) {
            postmaster.destroy();
        }
        while (Files.exists(lockFile) && postmaster.isAlive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
