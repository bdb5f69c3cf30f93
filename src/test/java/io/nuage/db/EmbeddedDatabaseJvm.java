package io.nuage.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of its own that opens the embedded database in a folder, writes a row, and waits to be killed: what a Nuage
 * killed with SIGKILL leaves behind is what the next start in that folder finds. {@link #main} runs in the child;
 * the rest drives it from the test.
 */
final class EmbeddedDatabaseJvm {

    static final String ROW = "written before the kill";

    private final Process process;
    private final Path log;

    private EmbeddedDatabaseJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        EmbeddedDatabase db = EmbeddedDatabase.open(dataDir, false);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + db.port() + "/postgres", "postgres",
                db.password()); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE kept (v text)");
            st.execute("INSERT INTO kept VALUES ('" + ROW + "')");
        }
        Files.writeString(dataDir.resolve("ready"), "");
        Thread.currentThread().join(); // until killed
    }

    /** Starts the child with the test's classpath and waits until its database holds the row. */
    static EmbeddedDatabaseJvm start(Path dataDir) throws Exception {
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve("child.log");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedDatabaseJvm.class.getName(), dataDir.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        EmbeddedDatabaseJvm jvm = new EmbeddedDatabaseJvm(p, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(dataDir.resolve("ready"))) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("the child JVM did not get ready: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return jvm;
    }

    /** SIGKILL of the JVM alone: no shutdown hook runs; whatever it started itself goes on. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGKILL of the JVM and of every process it started that is still its descendant, at once. */
    void killWithDescendants() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        kill();
    }

    String log() throws IOException {
        return Files.readString(log);
    }
}
