package io.nuage.terraform;

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
 * Nuage as a user starts it: the packaged jar of the root build with its embedded defaults (embedded PostgreSQL,
 * simulated cluster) in a directory of its own, on a free port; its admin token read from {@code .nuage/admin-token}.
 */
final class NuageServer implements AutoCloseable {

    final String endpoint;
    final String adminToken;
    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();

    NuageServer(Path dir, String... properties) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dquarkus.http.port=" + port, "-Dnuage.cluster.mode=simulated"));
        command.addAll(List.of(properties));
        command.addAll(List.of("-jar", System.getProperty("nuage.jar")));
        Path log = dir.resolve("nuage.log");
        process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        endpoint = "http://localhost:" + port;
        long deadline = System.currentTimeMillis() + 120_000;
        while (!ready()) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                close();
                throw new AssertionError("Nuage did not start: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        adminToken = Files.readString(dir.resolve(".nuage/admin-token")).strip();
    }

    private boolean ready() throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(endpoint + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** An API call with the admin token: its status and body. */
    HttpResponse<String> api(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + path))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
