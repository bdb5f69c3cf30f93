package io.nuage.platform;

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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Nuage from the packaged jar ({@code nuage.jar}), with its own data directory (so its own embedded PostgreSQL). */
record JarServer(Process process, Path dataDir, Path logFile, int port) implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static JarServer start(Path workDir, List<String> properties, Map<String, String> environment) throws Exception {
        Files.createDirectories(workDir);
        int port = freePort();
        Path dataDir = workDir.resolve("data");
        Path logFile = workDir.resolve("nuage.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port, "-Dnuage.data-dir=" + dataDir));
        command.addAll(properties);
        command.addAll(List.of("-jar", System.getProperty("nuage.jar")));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().remove("KUBECONFIG");
        builder.environment().putAll(environment);
        JarServer server = new JarServer(builder.start(), dataDir, logFile, port);
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (!server.process.isAlive()) {
                throw new AssertionError("server exited: " + server.log());
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return server;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        server.close();
        throw new AssertionError("not ready within 120 s: " + server.log());
    }

    HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + Files.readString(dataDir.resolve("admin-token")).trim())
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Resyncs this replica has run ({@code nuage_resyncs_total}), 0 before the first. */
    long resyncs() {
        try {
            Matcher m = Pattern.compile("(?m)^nuage_resyncs_total(\\{[^}]*\\})? (\\S+)$").matcher(call("GET", "/q/metrics", null).body());
            return m.find() ? (long) Double.parseDouble(m.group(2)) : 0;
        } catch (IOException | InterruptedException e) {
            return 0;
        }
    }

    String log() throws IOException {
        return Files.readString(logFile);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: Quarkus shuts down and stops its embedded PostgreSQL
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
