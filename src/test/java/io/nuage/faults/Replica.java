package io.nuage.faults;

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

/**
 * One Nuage replica from the packaged jar, on the rig's PostgreSQL and the rig's simulated
 * cluster (through a kubeconfig, as on a real cluster): several share both, as in production.
 */
final class Replica implements AutoCloseable {

    final String name;
    final int port;
    final Path log;
    private final Process process;

    private Replica(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    static Replica start(String name, Path workDir, int postgresPort, Path kubeconfig, List<String> settings) throws Exception {
        int port = freePort();
        Path log = workDir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dnuage.data-dir=" + workDir.resolve(name + "-data"),
                "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:" + postgresPort + "/postgres",
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres",
                "-Dquarkus.datasource.username=postgres", "-Dnuage.admin-token=" + FaultRig.ADMIN_TOKEN,
                "-Dnuage.secret-key=" + FaultRig.SECRET_KEY, "-Dnuage.cluster.mode=kubeconfig"));
        command.addAll(settings);
        command.addAll(List.of("-jar", System.getProperty("nuage.jar")));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        Process p = pb.start();
        Replica replica = new Replica(name, port, log, p);
        try {
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(name + " exited: " + Files.readString(log));
                }
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return replica;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException(name + " not ready within 180 s");
        } catch (Exception e) {
            replica.close();
            throw e;
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL: no shutdown hook runs, nothing is written on the way out. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
