package io.nuage.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Nuage started from the packaged jar in its own JVM, as an operator would run it. */
final class NuageProcess implements AutoCloseable {

    final int port;
    final int simulatorPort;
    final Path dataDir;
    private final Process process;

    private NuageProcess(int port, int simulatorPort, Path dataDir, Process process) {
        this.port = port;
        this.simulatorPort = simulatorPort;
        this.dataDir = dataDir;
        this.process = process;
    }

    static NuageProcess start(Path workDir, List<String> jvmOptions) throws Exception {
        int simulatorPort = freePort();
        return start(workDir, jvmOptions, List.of("-Dnuage.cluster.mode=simulated", "-Dnuage.cluster.simulator.port="
                + simulatorPort), null, simulatorPort);
    }

    /** Nuage on a cluster it reaches through {@code kubeconfig}: a simulated cluster in a process of its own. */
    static NuageProcess startOn(Path kubeconfig, Path workDir, List<String> jvmOptions) throws Exception {
        return start(workDir, jvmOptions, List.of("-Dnuage.cluster.mode=kubeconfig"), kubeconfig, -1);
    }

    private static NuageProcess start(Path workDir, List<String> jvmOptions, List<String> clusterOptions, Path kubeconfig,
            int simulatorPort) throws Exception {
        int port = freePort();
        Path dataDir = workDir.resolve("data");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-Dquarkus.http.port=" + port, "-Dnuage.data-dir=" + dataDir));
        cmd.addAll(clusterOptions);
        cmd.addAll(List.of("-jar", System.getProperty("nuage.jar")));
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("nuage.log").toFile());
        builder.environment().remove("KUBECONFIG");
        if (kubeconfig != null) {
            builder.environment().put("KUBECONFIG", kubeconfig.toString());
        }
        Process p = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("Nuage exited: " + Files.readString(workDir.resolve("nuage.log")));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return new NuageProcess(port, simulatorPort, dataDir, p);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        p.destroyForcibly();
        throw new IllegalStateException("Nuage not ready within 120 s");
    }

    String adminToken() throws IOException {
        return Files.readString(dataDir.resolve("admin-token")).trim();
    }

    long pid() {
        return process.pid();
    }

    /** CPU used so far by the embedded PostgreSQL: its postmaster (pg_ctl detaches it from the JVM) and children. */
    CpuUsage.Reading postgresCpu() throws IOException {
        long postmaster = postmasterPid();
        return CpuUsage.postgres(postmaster, ProcessHandle.of(postmaster).stream().flatMap(ProcessHandle::descendants)
                .mapToLong(ProcessHandle::pid).toArray());
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
    }

    long rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    /**
     * Starts Nuage with PostgreSQL's {@code pg_stat_statements} loaded, for {@link #statementStatistics}: a first start
     * initialises the database, the second loads the library the first wrote into its configuration.
     */
    static NuageProcess startWithStatementStatistics(Path workDir, List<String> jvmOptions) throws Exception {
        NuageProcess first = start(workDir, jvmOptions);
        first.stop();
        // Also logs every statement over 25 ms, the plan of every statement over 2 ms, and every lock waited for over
        // 20 ms, beside the data so that the log outlives the throwaway database: to tell a statement slow in
        // PostgreSQL from one slow on its way there, and a plan that went wrong.
        Path log = workDir.resolve("postgres-log").toAbsolutePath();
        Files.writeString(first.dataDir.resolve("postgres/postgresql.auto.conf"), String.join("\n",
                "shared_preload_libraries = 'pg_stat_statements,auto_explain'", "auto_explain.log_min_duration = 2",
                "log_min_duration_statement = 25", "log_lock_waits = on",
                "deadlock_timeout = '20ms'", "logging_collector = on", "log_directory = '" + log + "'",
                "log_line_prefix = '%m [%p] '", ""), StandardOpenOption.APPEND);
        System.out.println("PostgreSQL's log of slow statements, their plans and lock waits: " + log);
        NuageProcess nuage = start(workDir, jvmOptions);
        try (Connection c = nuage.postgres(); Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
        return nuage;
    }

    /** The statements PostgreSQL spent most time on since the last call, {@code top} of them; then starts counting anew. */
    String statementStatistics(int top) throws Exception {
        StringBuilder out = new StringBuilder(String.format("%8s %10s %9s  %s%n", "calls", "total ms", "ms/call", "statement"));
        try (Connection c = postgres(); Statement st = c.createStatement()) {
            try (ResultSet r = st.executeQuery("SELECT calls, total_exec_time, left(regexp_replace(query, '\\s+', ' ', 'g'), 90)"
                    + " AS query FROM pg_stat_statements WHERE calls > 0 ORDER BY total_exec_time DESC LIMIT " + top)) {
                while (r.next()) {
                    out.append(String.format("%8d %10.1f %9.3f  %s%n", r.getLong(1), r.getDouble(2), r.getDouble(2) / r.getLong(1),
                            r.getString(3)));
                }
            }
            st.execute("SELECT pg_stat_statements_reset()");
            // How the busiest tables were read, and how much dead weight they carry: a plan or a bloat that changes
            // between databases shows here.
            out.append(String.format("%-20s %9s %9s %9s %9s %7s %s%n", "table", "seq scans", "seq rows", "idx scans",
                    "live", "dead", "vacuumed (auto)"));
            try (ResultSet r = st.executeQuery("SELECT relname, seq_scan, seq_tup_read, idx_scan, n_live_tup, n_dead_tup,"
                    + " autovacuum_count FROM pg_stat_user_tables ORDER BY seq_tup_read + idx_scan DESC LIMIT 8")) {
                while (r.next()) {
                    out.append(String.format("%-20s %9d %9d %9d %9d %7d %d%n", r.getString(1), r.getLong(2), r.getLong(3),
                            r.getLong(4), r.getLong(5), r.getLong(6), r.getLong(7)));
                }
            }
        }
        return out.toString();
    }

    /** A connection to the embedded PostgreSQL, whose port Nuage logs when it starts it, with its password. */
    Connection postgres() throws Exception {
        Matcher m = Pattern.compile("Embedded PostgreSQL .* on port (\\d+)").matcher(Files.readString(dataDir.resolveSibling("nuage.log")));
        if (!m.find()) {
            throw new IllegalStateException("Nuage's log does not say on which port its PostgreSQL listens");
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + m.group(1) + "/postgres", "postgres",
                Files.readString(dataDir.resolve("database-password")).trim());
    }

    @Override
    public void close() throws InterruptedException, IOException {
        stop();
        // The database is throwaway; nuage.log stays beside it for a look after the run.
        deleteTree(dataDir);
    }

    /** Deletes a directory and all it holds; nothing when it does not exist. */
    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Stops Nuage and its PostgreSQL, and keeps the data. */
    private void stop() throws InterruptedException, IOException {
        Long postmaster = Files.exists(dataDir.resolve("postgres/postmaster.pid")) ? postmasterPid() : null;
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        // A JVM that had to be killed did not stop its PostgreSQL, which pg_ctl detached from it.
        if (postmaster != null) {
            ProcessHandle.of(postmaster).ifPresent(pg -> {
                pg.destroy();
                pg.onExit().orTimeout(30, TimeUnit.SECONDS).join();
            });
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
