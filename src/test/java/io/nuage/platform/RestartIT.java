package io.nuage.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged server the way the README starts it (java -jar, embedded defaults),
 * twice on the same data directory: what was created survives the restart, the database
 * commits to disk and wants its password, and a stop logs no error. Prints the start-up time
 * and idle resident memory it measured.
 */
class RestartIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path workDir;

    @Test
    void tenantsTokensAndAdminTokenSurviveARestart() throws Exception {
        int port = freePort();
        Path dataDir = workDir.resolve("data");

        Server first = Server.start(workDir, dataDir, port);
        Path tokenFile = dataDir.resolve("admin-token");
        String admin = Files.readString(tokenFile).trim();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
        String log = first.log();
        assertTrue(log.contains(tokenFile.toAbsolutePath().toString()), "the log names the admin token file");
        assertFalse(log.contains(admin), "the log never shows the admin token");

        Path passwordFile = dataDir.resolve("database-password");
        String password = Files.readString(passwordFile).trim();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
        assertFalse(log.contains(password), "the log never shows the database password");
        try (Connection c = DriverManager.getConnection(first.databaseUrl(), "postgres", password);
                Statement st = c.createStatement(); ResultSet r = st.executeQuery("SHOW synchronous_commit")) {
            assertTrue(r.next());
            assertEquals("on", r.getString(1), "a change answered 201 is on disk");
        }
        assertThrows(SQLException.class, () -> DriverManager.getConnection(first.databaseUrl(), "postgres", "").close(),
                "no connection without the password");

        assertEquals(201, call("POST", port, "/v1/tenants", admin, "{\"name\":\"persist\"}").statusCode());
        HttpResponse<String> created = call("POST", port, "/v1/tenants/persist/tokens", admin,
                "{\"name\":\"ci\",\"role\":\"viewer\"}");
        assertEquals(201, created.statusCode());
        Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(created.body());
        assertTrue(m.find());
        String viewer = m.group(1);
        assertStoppedCleanly(first.stop());

        Server second = Server.start(workDir, dataDir, port);
        try {
            assertEquals(200, call("GET", port, "/v1/tenants/persist", admin, null).statusCode());
            assertEquals(200, call("GET", port, "/v1/tenants/persist", viewer, null).statusCode());
            Thread.sleep(2000); // settle before reading idle memory
            System.out.printf("[measure] first start to ready: %d ms (includes initdb)%n", first.readyMillis);
            System.out.printf("[measure] restart to ready: %d ms%n", second.readyMillis);
            System.out.printf("[measure] idle resident memory: java %d MiB, embedded PostgreSQL %d MiB%n",
                    second.rssMiB(), postgresRssMiB(dataDir));
        } finally {
            assertStoppedCleanly(second.stop());
        }
    }

    @Test
    void aCutAdminTokenFileStopsTheStartNamingTheFile() throws Exception {
        Path dataDir = workDir.resolve("cut");
        Files.createDirectories(dataDir);
        Path tokenFile = dataDir.resolve("admin-token");
        Files.writeString(tokenFile, "cut-short-token\n");
        Process p = new ProcessBuilder(List.of(Server.javaBin(), "-Dquarkus.http.port=" + freePort(),
                "-Dnuage.data-dir=" + dataDir, "-jar", System.getProperty("nuage.jar")))
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(workDir.resolve("cut.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("still running after 120 s: " + Files.readString(workDir.resolve("cut.log")));
        }
        String log = Files.readString(workDir.resolve("cut.log"));
        assertNotEquals(0, p.exitValue(), log);
        assertTrue(log.contains("The admin token file " + tokenFile.toAbsolutePath()), log);
        assertFalse(log.contains("cut-short-token"), "the log never shows the file's content");
    }

    /**
     * What the server logged once told to stop: nothing at WARN or ERROR, no exception. The reconciler stops and the
     * ledger writes its queue while the pools are open, and the embedded PostgreSQL stops after them: nothing fails.
     */
    private static void assertStoppedCleanly(String logAfterSignal) {
        List<String> problems = logAfterSignal.lines()
                .filter(l -> l.matches("^\\S+\\s+(WARN|ERROR)\\b.*") || l.contains("Exception") || l.contains("Pool closed")
                        || l.contains("Connection refused"))
                .toList();
        assertEquals(List.of(), problems, "logged while stopping:\n" + logAfterSignal);
    }

    private static HttpResponse<String> call(String method, int port, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** pg_ctl daemonises PostgreSQL: find its processes by the data directory they serve. */
    private static long postgresRssMiB(Path dataDir) {
        String dir = dataDir.toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains("postgres") && c.contains(dir)).orElse(false))
                .mapToLong(h -> {
                    try {
                        return Server.rssKiB(h.pid()) + h.children().mapToLong(c -> {
                            try {
                                return Server.rssKiB(c.pid());
                            } catch (IOException gone) {
                                return 0;
                            }
                        }).sum();
                    } catch (IOException gone) {
                        return 0;
                    }
                }).sum() / 1024;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private record Server(Process process, Path logFile, long readyMillis) {

        static Server start(Path workDir, Path dataDir, int port) throws Exception {
            Path logFile = Files.createTempFile(workDir, "nuage", ".log");
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(List.of(javaBin(),
                    "-Dquarkus.http.port=" + port, "-Dnuage.data-dir=" + dataDir, "-jar", System.getProperty("nuage.jar")))
                    .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
            long deadline = System.currentTimeMillis() + 120_000;
            while (System.currentTimeMillis() < deadline) {
                if (!p.isAlive()) {
                    throw new AssertionError("server exited: " + Files.readString(logFile));
                }
                try {
                    HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        return new Server(p, logFile, (System.nanoTime() - t0) / 1_000_000);
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(50);
            }
            p.destroyForcibly();
            throw new AssertionError("not ready within 120 s: " + Files.readString(logFile));
        }

        String log() throws IOException {
            return Files.readString(logFile);
        }

        long rssMiB() throws IOException {
            return rssKiB(process.pid()) / 1024;
        }

        /** Stops the server with SIGTERM, as an operator or Kubernetes would; returns what it logged from then on. */
        String stop() throws InterruptedException, IOException {
            long before = Files.size(logFile);
            process.destroy(); // SIGTERM: Quarkus shuts down and stops the embedded PostgreSQL
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("server did not stop within 60 s");
            }
            byte[] all = Files.readAllBytes(logFile);
            return new String(all, (int) before, all.length - (int) before, java.nio.charset.StandardCharsets.UTF_8);
        }

        /** The embedded PostgreSQL, at the port the server logged. */
        String databaseUrl() throws IOException {
            Matcher m = Pattern.compile("Embedded PostgreSQL .* on port (\\d+)").matcher(log());
            assertTrue(m.find(), "the log names the embedded PostgreSQL's port");
            return "jdbc:postgresql://127.0.0.1:" + m.group(1) + "/postgres";
        }

        private static long rssKiB(long pid) throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return 0;
        }

        static String javaBin() {
            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }
    }
}
