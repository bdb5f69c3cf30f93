package io.nuage.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The packaged server on a database of its own (not the embedded default), as in production:
 * it refuses to start without an admin token or a secret key, and says which is missing
 * without printing any secret; with both, it starts.
 */
class ExternalDatabaseIT {

    private static final String ADMIN_TOKEN = "external-db-admin-token-not-a-secret-0123456789";
    private static final String SECRET_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    static Path workDir;

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder().setDataDirectory(workDir.resolve("pg")).setCleanDataDirectory(true).start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        postgres.close();
    }

    @Test
    void refusesToStartWithoutAnAdminToken() throws Exception {
        Run run = run(List.of("-Dnuage.secret-key=" + SECRET_KEY));
        assertNotEquals(0, run.exitCode(), run.log());
        assertTrue(run.log().contains("No admin token: set NUAGE_ADMIN_TOKEN"), run.log());
        assertFalse(run.log().contains(SECRET_KEY), "the log never shows the secret key");
    }

    @Test
    void refusesToStartWithoutASecretKey() throws Exception {
        Run run = run(List.of("-Dnuage.admin-token=" + ADMIN_TOKEN));
        assertNotEquals(0, run.exitCode(), run.log());
        assertTrue(run.log().contains("No secret key: set NUAGE_SECRET_KEY"), run.log());
        assertFalse(run.log().contains(ADMIN_TOKEN), "the log never shows the admin token");
    }

    @Test
    void startsWithBoth() throws Exception {
        Run run = run(List.of("-Dnuage.admin-token=" + ADMIN_TOKEN, "-Dnuage.secret-key=" + SECRET_KEY));
        assertTrue(run.ready(), run.log());
        assertFalse(run.log().contains(ADMIN_TOKEN) || run.log().contains(SECRET_KEY), "no secret in the log");
    }

    /** How a run ended: ready (then stopped by us), or exited by itself with a code. */
    private record Run(boolean ready, int exitCode, String log) {
    }

    private static Run run(List<String> settings) throws Exception {
        int port = freePort();
        Path log = Files.createTempFile(workDir, "nuage", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port, "-Dnuage.data-dir=" + workDir.resolve("data-" + port),
                "-Dquarkus.datasource.reactive.url=postgresql://localhost:" + postgres.getPort() + "/postgres",
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                "-Dquarkus.datasource.username=postgres", "-Dnuage.cluster.mode=simulated"));
        command.addAll(settings);
        command.addAll(List.of("-jar", System.getProperty("nuage.jar")));
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 120_000;
        try {
            while (System.currentTimeMillis() < deadline) {
                if (p.waitFor(100, TimeUnit.MILLISECONDS)) {
                    return new Run(false, p.exitValue(), Files.readString(log));
                }
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return new Run(true, 0, Files.readString(log));
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
            }
            throw new AssertionError("neither ready nor exited within 120 s: " + Files.readString(log));
        } finally {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
