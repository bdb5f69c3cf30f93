package io.nuage.db;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * Stops the embedded PostgreSQL when its JVM dies without stopping it (SIGKILL, the OOM killer: no shutdown hook
 * runs). pg_ctl detaches the server from the JVM, and no operating system call makes a process die with another
 * that is not its parent; so a small shell process polls the JVM once a second, and once it is gone sends the server
 * SIGINT (PostgreSQL's fast shutdown) if the lock file still names that server, so that it never stops a later one.
 * Closed (killed) when the database is closed normally. Where there is no {@code /bin/sh} nothing watches, and the
 * next start stops what was left ({@link LeftoverPostmaster}).
 */
final class PostmasterWatchdog implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final Path SHELL = Path.of("/bin/sh");
    /** $1: the JVM's PID; $2: the lock file; $3: the server's PID. */
    private static final String SCRIPT = """
            while kill -0 "$1" 2>/dev/null; do sleep 1; done
            read -r pid < "$2" && [ "$pid" = "$3" ] && kill -INT "$3"
            """;

    /** Null where nothing watches. */
    private final Process process;

    private PostmasterWatchdog(Process process) {
        this.process = process;
    }

    /** Starts watching this JVM on behalf of the server running in {@code pgDir}. */
    static PostmasterWatchdog start(Path pgDir) {
        OptionalLong postmaster = LeftoverPostmaster.pid(pgDir);
        if (!Files.isExecutable(SHELL) || postmaster.isEmpty()) {
            LOG.debugf("No watchdog for the embedded PostgreSQL in %s (%s): if this JVM is killed, the next start stops"
                    + " the server it left", pgDir, postmaster.isEmpty() ? "no PID in postmaster.pid" : "no " + SHELL);
            return new PostmasterWatchdog(null);
        }
        try {
            // Its own name ($0) tells what it is in a process list; no standard stream ties it to the JVM.
            Process p = new ProcessBuilder(SHELL.toString(), "-c", SCRIPT, "nuage-postgres-watchdog",
                    Long.toString(ProcessHandle.current().pid()), pgDir.resolve("postmaster.pid").toString(),
                    Long.toString(postmaster.getAsLong()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return new PostmasterWatchdog(p);
        } catch (IOException e) {
            LOG.warnf(e, "No watchdog for the embedded PostgreSQL in %s: if this JVM is killed, the next start stops the"
                    + " server it left", pgDir);
            return new PostmasterWatchdog(null);
        }
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
