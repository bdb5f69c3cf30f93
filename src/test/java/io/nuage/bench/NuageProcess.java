package io.nuage.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        int port = freePort();
        int simulatorPort = freePort();
        Path dataDir = workDir.resolve("data");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-Dquarkus.http.port=" + port, "-Dnuage.data-dir=" + dataDir,
                "-Dnuage.cluster.mode=simulated", "-Dnuage.cluster.simulator.port=" + simulatorPort,
                "-jar", System.getProperty("nuage.jar")));
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("nuage.log").toFile()).start();
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

    @Override
    public void close() throws InterruptedException, IOException {
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
        // The database is throwaway; nuage.log stays beside it for a look after the run.
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
