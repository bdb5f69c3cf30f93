package io.nuage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * The scale benchmark (issue #23). Run: {@code ./mvnw -B verify -Pbenchmark -Dit.test=ScaleBenchmark}; knobs
 * {@code -Dbench.scale.instances=10000 -Dbench.scale.tenants=100 -Dbench.scale.rate=100 -Dbench.scale.clients=8
 * -Dbench.scale.heap=2g -Dbench.scale.simulator-heap=6g -Dbench.scale.resync=20s -Dbench.scale.resyncs=3 -Dbench.scale.histogram=0 -Dbench.scale.delete=true}.
 *
 * <p>The simulated cluster runs in a process of its own (zero delays), Nuage in another on its embedded PostgreSQL,
 * so that Nuage's heap is measured apart from the simulator's. Across {@code tenants} tenants, {@code clients}
 * clients offer creates at a fixed {@code rate} (each create has its slot: a late answer does not lower the load
 * offered after it) while the reconciler works. Then: the time until all run, Nuage's heap after a full GC against
 * before the creates (per instance), the API server writes Nuage made per instance (counted at the simulated API
 * server), {@code resyncs} idle resyncs and the writes they made, PostgreSQL's size per instance, and a mass delete.
 * Figures are printed, not asserted; only the counts are.
 */
class ScaleBenchmark {

    private static final String IMAGE = "quay.io/containerdisks/fedora:41";
    private static final int INSTANCES = Integer.getInteger("bench.scale.instances", 10_000);
    private static final int TENANTS = Integer.getInteger("bench.scale.tenants", 100);
    private static final double RATE = Double.parseDouble(System.getProperty("bench.scale.rate", "100"));
    private static final int CLIENTS = Integer.getInteger("bench.scale.clients", 8);
    private static final String HEAP = System.getProperty("bench.scale.heap", "2g");
    private static final String SIMULATOR_HEAP = System.getProperty("bench.scale.simulator-heap", "6g");
    private static final String RESYNC = System.getProperty("bench.scale.resync", "20s");
    private static final int RESYNCS = Integer.getInteger("bench.scale.resyncs", 3);
    /** With a count, the classes that hold most of Nuage's heap once all run, that many of them (jcmd GC.class_histogram). */
    private static final int HISTOGRAM = Integer.getInteger("bench.scale.histogram", 0);
    /** Whether the mass delete runs (at 50,000 instances about five minutes). */
    private static final boolean DELETE = Boolean.parseBoolean(System.getProperty("bench.scale.delete", "true"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void scale() throws Exception {
        Path work = Path.of("target", "scale-benchmark").toAbsolutePath();
        Files.createDirectories(work);
        System.out.printf("Scale benchmark: %,d instances across %d tenants, %d clients offering %.0f creates/s; Nuage -Xmx%s,"
                + " the simulated cluster apart (-Xmx%s); work directory %s%n", INSTANCES, TENANTS, CLIENTS, RATE, HEAP,
                SIMULATOR_HEAP, work.toAbsolutePath());
        NuageProcess.deleteTree(work.resolve("nuage")); // a run stopped half-way leaves its database behind
        Files.createDirectories(work.resolve("nuage"));
        try (SimulatorProcess cluster = SimulatorProcess.start(work.resolve("cluster"), SIMULATOR_HEAP);
                NuageProcess nuage = NuageProcess.startOn(cluster.kubeconfig(), work.resolve("nuage"), List.of("-Xmx" + HEAP,
                        "-Dnuage.reconciler.resync-interval=" + RESYNC))) {
            Api api = new Api(http, "http://localhost:" + nuage.port, nuage.adminToken());
            int perTenant = (INSTANCES + TENANTS - 1) / TENANTS;
            for (int t = 0; t < TENANTS; t++) {
                api.expect(201, "POST", "/v1/tenants", """
                        {"name":"scale-%d","quota":{"vcpus":%d,"memory_mib":%d,"instances":%d}}"""
                        .formatted(t, perTenant, perTenant * 512, perTenant));
            }
            long heapBefore = heapAfterFullGc(nuage, api);
            long bytesBefore = databaseBytes(nuage);
            long writesBefore = writes(cluster.requestCounts(http));

            long start = System.nanoTime();
            OfferedLoad.Latencies latencies = createAtOfferedRate(api);
            double createSeconds = (System.nanoTime() - start) / 1e9;
            double runningSeconds = awaitCount(nuage, "phase = 'running'", INSTANCES, start);
            // The heap is then what Nuage keeps for its instances, not the watch events and passes still in flight when
            // the last one read running (6 s after the last create, 50,000 instances read 9.0 KiB each; 57 s after, 7.2).
            System.out.printf("Nuage quiet before the heap is measured, %s%n",
                    PhaseCpu.awaitQuiet(nuage, cluster, 120, PhaseCpu.Used::nuageCores));
            long heapAfter = heapAfterFullGc(nuage, api);
            if (HISTOGRAM > 0) {
                System.out.println(classHistogram(nuage, HISTOGRAM));
            }
            long bytesAfter = databaseBytes(nuage);
            long writesAfter = writes(cluster.requestCounts(http));

            long resyncsBefore = api.resyncs();
            Await.deadline(RESYNCS * 10L * seconds(RESYNC), "idle resyncs", () -> api.resyncs() >= resyncsBefore + RESYNCS);
            long idleWrites = writes(cluster.requestCounts(http)) - writesAfter;
            String scrape = scrape(api);

            System.out.printf("%nScale benchmark results (%,d instances, %d tenants):%n", INSTANCES, TENANTS);
            System.out.printf("  creates: %,d in %.1f s = %.0f/s offered %.0f/s;%n    %s%n", INSTANCES, createSeconds,
                    INSTANCES / createSeconds, RATE, latencies.describe());
            System.out.printf("  all running %.1f s after the first create: %.0f instances/s%n", runningSeconds,
                    INSTANCES / runningSeconds);
            System.out.printf("  Nuage's heap after a full GC: %,d KiB before, %,d KiB after = %.2f KiB per instance%n",
                    heapBefore / 1024, heapAfter / 1024, (heapAfter - heapBefore) / 1024.0 / INSTANCES);
            System.out.printf("  API server writes by Nuage: %.2f per instance created; %d in %d idle resyncs = %.2f per resync%n",
                    (writesAfter - writesBefore) / (double) INSTANCES, idleWrites, RESYNCS, idleWrites / (double) RESYNCS);
            System.out.printf("  PostgreSQL: %,d KiB more = %.2f KiB per instance%n", (bytesAfter - bytesBefore) / 1024,
                    (bytesAfter - bytesBefore) / 1024.0 / INSTANCES);
            System.out.printf("  Nuage's RSS %,d MiB%n", nuage.rssMiB());
            System.out.printf("  a Prometheus scrape of /q/metrics: %s%n", scrape);

            if (!DELETE) {
                return;
            }
            long deleteStart = System.nanoTime();
            deleteAll(api);
            long[] gone = awaitDeleted(nuage, deleteStart);
            double deletedSeconds = (gone[1] - deleteStart) / 1e9;
            System.out.printf("  mass delete: %,d of %,d gone %.1f s after the first DELETE: %.0f/s%s%n", gone[0], INSTANCES,
                    deletedSeconds, gone[0] / deletedSeconds, gone[0] < INSTANCES ? " (the rest made no progress for 120 s)" : "");
            if (gone[0] < INSTANCES) {
                System.out.println(leftBehind(nuage, cluster));
            }
        }
    }

    /** What a Prometheus server scraping a replica gets: the body's size and series, and the median of 5 scrapes' time. */
    private static String scrape(Api api) throws Exception {
        List<Long> times = new ArrayList<>();
        String body = "";
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            body = api.metrics();
            times.add(System.nanoTime() - start);
        }
        Collections.sort(times);
        long series = body.lines().filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
        return "%,d KiB, %,d series, %.1f ms (median of 5)".formatted(body.length() / 1024, series, times.get(2) / 1e6);
    }

    /** Creates every instance, the i-th at {@code start + i / rate}, from {@link #CLIENTS} clients. */
    private OfferedLoad.Latencies createAtOfferedRate(Api api) throws Exception {
        return OfferedLoad.run(INSTANCES, RATE, CLIENTS, i -> api.expect(201, "POST", "/v1/tenants/scale-" + i % TENANTS
                + "/instances", """
                {"name":"vm-%d","vcpus":1,"memory_mib":512,"image":"%s"}""".formatted(i, IMAGE)));
    }

    /** Deletes every instance, as fast as {@link #CLIENTS} clients can. */
    private void deleteAll(Api api) throws Exception {
        OfferedLoad.run(INSTANCES, Double.POSITIVE_INFINITY, CLIENTS,
                i -> api.expect(202, "DELETE", "/v1/tenants/scale-" + i % TENANTS + "/instances/vm-" + i, null));
    }

    /** Seconds from {@code since} until {@code count} instances match {@code condition}, polled every 200 ms. */
    private static double awaitCount(NuageProcess nuage, String condition, int count, long since) throws Exception {
        try (Connection c = nuage.postgres(); Statement st = c.createStatement()) {
            Await.deadline(Math.max(600, INSTANCES / 10), count + " instances with " + condition, () -> {
                try (ResultSet r = st.executeQuery("SELECT count(*) FROM instances WHERE " + condition)) {
                    r.next();
                    return r.getLong(1) >= count;
                }
            });
        }
        return (System.nanoTime() - since) / 1e9;
    }

    /**
     * How many instances are deleted once all are, or once none more was for 120 s (the first may take minutes: each
     * VM is deleted before any instance is done); and when the last one was.
     */
    private static long[] awaitDeleted(NuageProcess nuage, long since) throws Exception {
        long gone = 0;
        long lastChange = since;
        try (Connection c = nuage.postgres(); Statement st = c.createStatement()) {
            while (gone < INSTANCES && System.nanoTime() - lastChange < TimeUnit.SECONDS.toNanos(gone == 0 ? 600 : 120)) {
                try (ResultSet r = st.executeQuery("SELECT count(*) FROM instances WHERE deleted_at IS NOT NULL")) {
                    r.next();
                    if (r.getLong(1) != gone) {
                        gone = r.getLong(1);
                        lastChange = System.nanoTime();
                    }
                }
                Thread.sleep(200);
            }
        }
        return new long[] { gone, lastChange };
    }

    /**
     * What a mass delete that stopped short left: the instances not deleted by phase, and the VirtualMachines and
     * VirtualMachineInstances still in the simulated cluster (those marked for deletion apart), with an example of each.
     */
    private static String leftBehind(NuageProcess nuage, SimulatorProcess cluster) throws Exception {
        StringBuilder out = new StringBuilder("  left behind:");
        try (Connection c = nuage.postgres(); Statement st = c.createStatement(); ResultSet r = st.executeQuery(
                "SELECT phase, count(*), min(name) FROM instances WHERE deleted_at IS NULL GROUP BY phase")) {
            while (r.next()) {
                out.append(String.format(" %,d instances %s (e.g. %s);", r.getLong(2), r.getString(1), r.getString(3)));
            }
        }
        try (KubernetesClient kube = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(cluster.kubeconfig()))).build()) {
            for (String kind : List.of("VirtualMachine", "VirtualMachineInstance")) {
                var left = kube.genericKubernetesResources("kubevirt.io/v1", kind).inAnyNamespace().list().getItems();
                long marked = left.stream().filter(o -> o.getMetadata().getDeletionTimestamp() != null).count();
                out.append(String.format(" %,d %ss (%,d marked for deletion%s);", left.size(), kind, marked,
                        left.isEmpty() ? "" : ", e.g. " + left.get(0).getMetadata().getNamespace() + "/"
                                + left.get(0).getMetadata().getName() + " " + left.get(0).getAdditionalProperties().get("status")));
            }
        }
        return out.toString();
    }

    /** The first {@code top} lines of Nuage's class histogram (live objects: the command collects first). */
    private static String classHistogram(NuageProcess nuage, int top) throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(nuage.pid()), "GC.class_histogram").redirectErrorStream(true).start();
        List<String> lines = new String(jcmd.getInputStream().readAllBytes()).lines().limit(top + 3L).toList();
        assertEquals(0, jcmd.waitFor(), "jcmd GC.class_histogram");
        return String.join("\n", lines);
    }

    /** Nuage's used heap right after a full GC ({@code jcmd GC.run}), from its own metrics. */
    private static long heapAfterFullGc(NuageProcess nuage, Api api) throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(nuage.pid()), "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertEquals(0, jcmd.waitFor(), "jcmd GC.run");
        long used = 0;
        Matcher m = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\"[^}]*\\} (\\S+)$").matcher(api.metrics());
        while (m.find()) {
            used += (long) Double.parseDouble(m.group(1));
        }
        return used;
    }

    private static long databaseBytes(NuageProcess nuage) throws Exception {
        try (Connection c = nuage.postgres(); Statement st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT pg_database_size(current_database())")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Writes among the API server's request counts ("POST virtualmachines 201", ...): POST, PUT, PATCH, DELETE. */
    static long writes(Map<String, Long> counts) {
        return counts.entrySet().stream().filter(e -> e.getKey().matches("(POST|PUT|PATCH|DELETE) .*"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static long seconds(String duration) {
        return Long.parseLong(duration.replaceAll("s$", ""));
    }

    /** The simulated cluster from the jar, in its own JVM ({@code simulated-cluster --instant}). */
    record SimulatorProcess(Process process, Path kubeconfig, String url) implements AutoCloseable {

        static SimulatorProcess start(Path dir, String heap) throws Exception {
            Files.createDirectories(dir);
            Path log = dir.resolve("simulated-cluster.log");
            Path kubeconfig = dir.resolve("kubeconfig").toAbsolutePath();
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
                    "-jar", System.getProperty("nuage.jar"), "simulated-cluster", "--kubeconfig", kubeconfig.toString(),
                    "--instant").redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Pattern ready = Pattern.compile("(?m)^simulated cluster ready: (\\S+) ");
            String[] url = new String[1];
            Await.deadline(60, "the simulated cluster's ready line in " + log, () -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the simulated cluster exited: " + Files.readString(log));
                }
                Matcher m = ready.matcher(Files.readString(log));
                url[0] = m.find() ? m.group(1) : null;
                return url[0] != null;
            });
            return new SimulatorProcess(p, kubeconfig, url[0]);
        }

        /** What Nuage asked of the API server so far, by "METHOD resource status". */
        Map<String, Long> requestCounts(HttpClient http) throws Exception {
            String body = http.send(HttpRequest.newBuilder(URI.create(url + "/simulator/request-counts")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return JSON.readValue(body, new TypeReference<Map<String, Long>>() {
            });
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The API as an operator's script calls it. */
    record Api(HttpClient http, String base, String token) {

        /** Sends the request, fails unless it answers {@code status}; the answer's body. */
        String expect(int status, String method, String path, String body) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != status) {
                throw new AssertionError(method + " " + path + ": " + r.statusCode() + " " + r.body());
            }
            return r.body();
        }

        String metrics() throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
        }

        long resyncs() throws Exception {
            Matcher m = Pattern.compile("(?m)^nuage_resyncs_total(\\{[^}]*\\})? (\\S+)$").matcher(metrics());
            return m.find() ? (long) Double.parseDouble(m.group(2)) : 0;
        }
    }

    /** Polls a condition every 200 ms until it holds, or fails after {@code seconds}. */
    interface Await {

        boolean holds() throws Exception;

        static void deadline(long seconds, String what, Await condition) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (!condition.holds()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not within " + seconds + " s: " + what);
                }
                Thread.sleep(200);
            }
        }
    }
}
