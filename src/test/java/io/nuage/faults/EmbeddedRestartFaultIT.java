package io.nuage.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar with its embedded defaults (embedded PostgreSQL in the data directory, simulated cluster), killed
 * with SIGKILL and started again in the same folder: the restart must be ready the first time, within 10 s. Twice:
 * the JVM alone killed (its watchdog then stops the embedded server), and the JVM killed together with the watchdog
 * (the server left running, as an earlier Nuage left it: the new start stops it).
 */
class EmbeddedRestartFaultIT {

    private static final double READY_GOAL_SECONDS = 10;
    private static final int INSTANCES = 5;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path workDir;

    private enum Kill {
        JVM("the JVM alone"), JVM_AND_WATCHDOG("the JVM and its watchdog (the server left running)");

        final String what;

        Kill(String what) {
            this.what = what;
        }
    }

    @Test
    void aRestartAfterKillDashNineIsReadyTheFirstTime() throws Exception {
        Path dataDir = workDir.resolve("data");
        Nuage nuage = Nuage.start(workDir, dataDir, "first");
        try {
            String admin = Files.readString(dataDir.resolve("admin-token")).trim();
            List<String> created = createInstances(nuage, admin);
            awaitRunning(nuage, admin, created);
            for (Kill kill : Kill.values()) {
                long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
                nuage.kill(kill == Kill.JVM_AND_WATCHDOG);
                nuage = Nuage.start(workDir, dataDir, "after-" + kill.name().toLowerCase());
                double ready = nuage.readyMillis / 1000.0;
                String stoppedBy = nuage.log().contains("stopped the server an earlier Nuage left running")
                        ? "the new start" : "the watchdog, before the new start";
                FaultRig.figure(String.format("| kill -9 of %s, embedded database, restart in the same folder | ready the first"
                        + " time in %.1f s (goal <= %.0f s); the old server (PID %d) stopped by %s |", kill.what, ready,
                        READY_GOAL_SECONDS, postmaster, stoppedBy));
                assertTrue(ready <= READY_GOAL_SECONDS, "ready in " + ready + " s");
                assertEquals(Set.copyOf(created), Set.copyOf(names(nuage, admin)), "every instance is still there");
                statusIsTruthfulAfterRestart(nuage, admin, created);
            }
        } finally {
            nuage.stop();
        }
    }

    /**
     * The simulated cluster lived in the killed JVM: after the restart no VM exists, though the database last said
     * running. Right after ready, no instance may be served as running and vouched for: each is either marked
     * {@code Synced=Unknown} (reason {@code Unobserved}) or already seen as it is by a pass. Then the marks go and every
     * instance runs again.
     */
    private static void statusIsTruthfulAfterRestart(Nuage nuage, String admin, List<String> instances) throws Exception {
        long readyAt = System.nanoTime();
        for (JsonNode i : instances(nuage, admin)) {
            boolean marked = unobserved(i);
            String phase = i.path("status").path("phase").asText();
            assertTrue(marked || !"running".equals(phase), "served as running and vouched for, with no VM in the cluster: " + i);
        }
        long deadline = readyAt + TimeUnit.MINUTES.toNanos(1);
        double unmarked = -1;
        while (System.nanoTime() < deadline) {
            List<JsonNode> now = instances(nuage, admin);
            if (unmarked < 0 && now.stream().noneMatch(EmbeddedRestartFaultIT::unobserved)) {
                unmarked = (System.nanoTime() - readyAt) / 1e9;
            }
            if (unmarked >= 0 && field(now, "status", "phase").stream().allMatch("running"::equals)) {
                break;
            }
            Thread.sleep(100);
        }
        double running = (System.nanoTime() - readyAt) / 1e9;
        FaultRig.figure(String.format("| ... after that restart | every status compared with the cluster %.1f s after ready;"
                + " all %d instances running again %.1f s after ready |", unmarked, instances.size(), running));
        assertTrue(unmarked >= 0, "every status compared with the cluster within a minute of ready");
        awaitRunning(nuage, admin, instances);
    }

    private static boolean unobserved(JsonNode instance) {
        for (JsonNode c : instance.path("status").path("conditions")) {
            if ("Synced".equals(c.path("type").asText()) && "Unobserved".equals(c.path("reason").asText())) {
                return true;
            }
        }
        return false;
    }

    private static List<String> createInstances(Nuage nuage, String admin) throws Exception {
        HttpResponse<String> tenant = nuage.call(admin, "POST", "/v1/tenants", "{\"name\":\"crash\",\"quota\":{\"vcpus\":"
                + INSTANCES + ",\"memory_mib\":" + INSTANCES * 512 + ",\"storage_gib\":100,\"instances\":" + INSTANCES + "}}");
        assertEquals(201, tenant.statusCode(), tenant.body());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            String name = "vm-" + i;
            HttpResponse<String> r = nuage.call(admin, "POST", "/v1/tenants/crash/instances", FaultRig.instance(name));
            assertEquals(201, r.statusCode(), r.body());
            names.add(name);
        }
        return names;
    }

    private static void awaitRunning(Nuage nuage, String admin, List<String> names) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        List<String> phases;
        while ((phases = field(instances(nuage, admin), "status", "phase")).size() < names.size()
                || !phases.stream().allMatch("running"::equals)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not all running within 2 minutes: " + instances(nuage, admin));
            }
            Thread.sleep(200);
        }
    }

    private static List<String> names(Nuage nuage, String admin) throws Exception {
        return field(instances(nuage, admin), "name");
    }

    /** The tenant's instances. */
    private static List<JsonNode> instances(Nuage nuage, String admin) throws Exception {
        HttpResponse<String> r = nuage.call(admin, "GET", "/v1/tenants/crash/instances?limit=100", null);
        assertEquals(200, r.statusCode(), r.body());
        List<JsonNode> items = new ArrayList<>();
        FaultRig.JSON.readTree(r.body()).get("items").forEach(items::add);
        return items;
    }

    private static List<String> field(List<JsonNode> items, String... path) {
        return items.stream().map(i -> {
            JsonNode n = i;
            for (String p : path) {
                n = n.path(p);
            }
            return n.asText();
        }).toList();
    }

    /** Nuage from the packaged jar, with nothing set but its port and data directory. */
    private record Nuage(Process process, int port, Path logFile, long readyMillis) {

        static Nuage start(Path workDir, Path dataDir, String name) throws Exception {
            int port = Replica.freePort();
            Path log = workDir.resolve(name + ".log");
            long started = System.nanoTime();
            Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1", "-Dnuage.data-dir=" + dataDir,
                    "-jar", System.getProperty("nuage.jar")))
                    .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = started + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new AssertionError(name + ": exited instead of getting ready: " + Files.readString(log));
                }
                try {
                    if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return new Nuage(p, port, log, (System.nanoTime() - started) / 1_000_000);
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(50);
            }
            p.destroyForcibly();
            throw new AssertionError(name + ": not ready within 120 s: " + Files.readString(log));
        }

        HttpResponse<String> call(String token, String method, String path, String body) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }

        String log() throws IOException {
            return Files.readString(logFile);
        }

        /** SIGKILL: no shutdown hook runs; with {@code watchdog}, the processes the JVM started die with it. */
        void kill(boolean watchdog) throws InterruptedException {
            if (watchdog) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
            }
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        /** SIGTERM: Nuage stops, its embedded PostgreSQL last. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
