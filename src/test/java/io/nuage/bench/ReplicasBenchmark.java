package io.nuage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.nuage.bench.ScaleBenchmark.Api;
import io.nuage.bench.ScaleBenchmark.SimulatorProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Two replicas on one database under a sustained load (issue #23, point 4). Run:
 * {@code ./mvnw -B verify -Pbenchmark -Dit.test=ReplicasBenchmark}; knobs {@code -Dbench.replicas.instances=3000
 * -Dbench.replicas.rate=200 -Dbench.replicas.tenants=4 -Dbench.replicas.clients=8 -Dbench.replicas.heap=1g
 * -Dbench.replicas.simulator-heap=3g -Dbench.replicas.resync=1h -Dbench.replicas.again=true}.
 *
 * <p>One PostgreSQL, started in this JVM (zonky, as the fault suite's), rather than the embedded one of the first
 * replica: neither replica owns the database, so both start alike, from the jar, as two replicas of a deployment do.
 * The simulated cluster runs in a process of its own ({@code --instant}). Phase 1: one replica; {@code instances}
 * creates offered at {@code rate}/s (well above what one replica converges) by {@code clients} clients across
 * {@code tenants} tenants, and the time until all run. Phase 2: a second replica joins, the client alternates its
 * requests between the two (it is the load balancer), and another {@code instances} are created the same way. The
 * periodic resync is pushed past the run ({@code resync}) so that the passes counted are those the creates caused.
 *
 * <p>Printed: each phase's convergence rate and their ratio, each replica's share of the reconcile passes of phase 2
 * (from its own {@code nuage_reconcile_passes_total}), the VirtualMachine creates per instance and their 409
 * conflicts at the simulated API server (both replicas' requests together), and how the work queue's leases looked
 * while phase 2 ran. Asserted: only counts and correctness (all run, one VirtualMachine create each, no conflict).
 */
class ReplicasBenchmark {

    private static final String IMAGE = "quay.io/containerdisks/fedora:41";
    private static final int INSTANCES = Integer.getInteger("bench.replicas.instances", 3000);
    private static final double RATE = Double.parseDouble(System.getProperty("bench.replicas.rate", "200"));
    private static final int TENANTS = Integer.getInteger("bench.replicas.tenants", 4);
    private static final int CLIENTS = Integer.getInteger("bench.replicas.clients", 8);
    private static final String HEAP = System.getProperty("bench.replicas.heap", "1g");
    private static final String SIMULATOR_HEAP = System.getProperty("bench.replicas.simulator-heap", "3g");
    private static final String RESYNC = System.getProperty("bench.replicas.resync", "1h");
    /** Runs phase 2 once more, both replicas warm, and prints it too: tells a cold replica's share from the claim's. */
    private static final boolean AGAIN = Boolean.parseBoolean(System.getProperty("bench.replicas.again", "true"));
    private static final String ADMIN_TOKEN = "replicas-benchmark-admin-token-not-a-secret-0123456789";
    private static final String SECRET_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String VM_CREATED = "POST virtualmachines 201";
    private static final String VM_CONFLICT = "POST virtualmachines 409";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** What one phase measured; {@code passes} per replica (in the order of the phase's replicas), by kind. */
    private record Phase(double runningSeconds, double createSeconds, OfferedLoad.Latencies latencies, Map<String, Long> requests,
            List<Map<String, Long>> passes, LeaseSampler.Summary leases) {

        double convergence() {
            return INSTANCES / runningSeconds;
        }

        long requests(String key) {
            return requests.getOrDefault(key, 0L);
        }

        long passes(int replica) {
            return passes.get(replica).values().stream().mapToLong(Long::longValue).sum();
        }

        long passesTotal() {
            return passes.stream().flatMap(p -> p.values().stream()).mapToLong(Long::longValue).sum();
        }

        long passesOfKind(String kind) {
            return passes.stream().mapToLong(p -> p.getOrDefault(kind, 0L)).sum();
        }
    }

    @Test
    void twoReplicasShareTheWork() throws Exception {
        Path work = Path.of("target", "replicas-benchmark").toAbsolutePath();
        System.out.printf("Replicas benchmark: %,d instances a phase across %d tenants, %d clients offering %.0f creates/s;"
                + " replicas -Xmx%s, the simulated cluster apart (-Xmx%s); work directory %s%n", INSTANCES, TENANTS, CLIENTS,
                RATE, HEAP, SIMULATOR_HEAP, work);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                SimulatorProcess cluster = SimulatorProcess.start(work.resolve("cluster"), SIMULATOR_HEAP);
                NuageProcess a = replica(work.resolve("replica-a"), postgres.getPort(), cluster.kubeconfig())) {
            Database db = new Database(postgres.getPort());
            int perTenant = ((AGAIN ? 3 : 2) * INSTANCES + TENANTS - 1) / TENANTS;
            for (int t = 0; t < TENANTS; t++) {
                api(a).expect(201, "POST", "/v1/tenants", """
                        {"name":"replicas-%d","quota":{"vcpus":%d,"memory_mib":%d,"instances":%d}}"""
                        .formatted(t, perTenant, perTenant * 512, perTenant));
            }
            db.awaitIdle();
            Phase one = phase(cluster, db, List.of(a), 0);
            try (NuageProcess b = replica(work.resolve("replica-b"), postgres.getPort(), cluster.kubeconfig())) {
                db.awaitIdle(); // the second replica's resync at start: a pass for every instance, not the phase's work
                Phase two = phase(cluster, db, List.of(a, b), INSTANCES);
                print("", one, two, List.of(worker(a), worker(b)));
                Phase again = AGAIN ? phase(cluster, db, List.of(a, b), 2 * INSTANCES) : null;
                if (again != null) {
                    print(", phase 2 again with both replicas warm", one, again, List.of(worker(a), worker(b)));
                }
                for (Phase p : again == null ? List.of(one, two) : List.of(one, two, again)) {
                    assertEquals(0, p.requests(VM_CONFLICT), "VirtualMachine creates that conflicted: " + p.requests());
                    assertEquals(INSTANCES, p.requests(VM_CREATED), "VirtualMachines created: " + p.requests());
                }
            }
        }
    }

    /**
     * Creates instances {@code first} to {@code first + INSTANCES - 1}, the i-th through replica i mod n, and waits
     * until all run and the queue is idle again, so that every pass of the phase is counted.
     */
    private Phase phase(SimulatorProcess cluster, Database db, List<NuageProcess> replicas, int first) throws Exception {
        List<Api> apis = replicas.stream().map(this::api).toList();
        List<Map<String, Long>> passesBefore = passes(apis);
        Map<String, Long> requestsBefore = cluster.requestCounts(http);
        try (LeaseSampler leases = new LeaseSampler(db.connect())) {
            long start = System.nanoTime();
            OfferedLoad.Latencies latencies = OfferedLoad.run(INSTANCES, RATE, CLIENTS, i -> apis.get(i % apis.size()).expect(201, "POST",
                    "/v1/tenants/replicas-" + (first + i) % TENANTS + "/instances", """
                            {"name":"vm-%d","vcpus":1,"memory_mib":512,"image":"%s"}""".formatted(first + i, IMAGE)));
            double createSeconds = (System.nanoTime() - start) / 1e9;
            db.awaitRunning(first + INSTANCES);
            double runningSeconds = (System.nanoTime() - start) / 1e9;
            db.awaitIdle();
            LeaseSampler.Summary seen = leases.stop();
            List<Map<String, Long>> passes = passes(apis);
            for (int r = 0; r < passes.size(); r++) {
                Map<String, Long> now = passes.get(r);
                passesBefore.get(r).forEach((kind, before) -> now.merge(kind, -before, Long::sum));
            }
            Map<String, Long> requests = new HashMap<>(cluster.requestCounts(http));
            requestsBefore.forEach((k, v) -> requests.merge(k, -v, Long::sum));
            return new Phase(runningSeconds, createSeconds, latencies, requests, passes, seen);
        }
    }

    private static void print(String which, Phase one, Phase two, List<String> workers) {
        System.out.printf("%nReplicas benchmark results%s (%,d instances a phase, %d tenants, %.0f creates/s offered by %d"
                + " clients):%n", which, INSTANCES, TENANTS, RATE, CLIENTS);
        String row = "  %-44s %14s %14s %10s%n";
        System.out.printf(row, "", "one replica", "two replicas", "two / one");
        line(row, "creates/s achieved", INSTANCES / one.createSeconds(), INSTANCES / two.createSeconds(), "%.0f");
        line(row, "create latency from due p50, ms", OfferedLoad.percentile(one.latencies().fromDue(), 50),
                OfferedLoad.percentile(two.latencies().fromDue(), 50), "%.1f");
        line(row, "create latency from due p99, ms", OfferedLoad.percentile(one.latencies().fromDue(), 99),
                OfferedLoad.percentile(two.latencies().fromDue(), 99), "%.1f");
        line(row, "create latency from the send p99, ms", OfferedLoad.percentile(one.latencies().fromSend(), 99),
                OfferedLoad.percentile(two.latencies().fromSend(), 99), "%.1f");
        line(row, "most behind schedule, s", one.latencies().maxLag() / 1e9, two.latencies().maxLag() / 1e9, "%.1f");
        line(row, "all running after the first create, s", one.runningSeconds(), two.runningSeconds(), "%.1f");
        line(row, "convergence, instances running/s (goal >= 1)", one.convergence(), two.convergence(), "%.1f");
        line(row, "reconcile passes per instance", one.passesTotal() / (double) INSTANCES,
                two.passesTotal() / (double) INSTANCES, "%.2f");
        for (String kind : new java.util.TreeSet<>(two.passes().get(0).keySet())) {
            if (one.passesOfKind(kind) + two.passesOfKind(kind) > 0) {
                line(row, "  of kind " + kind, one.passesOfKind(kind) / (double) INSTANCES,
                        two.passesOfKind(kind) / (double) INSTANCES, "%.2f");
            }
        }
        line(row, "VirtualMachine creates (201) per instance", one.requests(VM_CREATED) / (double) INSTANCES,
                two.requests(VM_CREATED) / (double) INSTANCES, "%.2f");
        line(row, "VirtualMachine create conflicts (409)", one.requests(VM_CONFLICT), two.requests(VM_CONFLICT), "%.0f");
        line(row, "API server writes per instance", ScaleBenchmark.writes(one.requests()) / (double) INSTANCES,
                ScaleBenchmark.writes(two.requests()) / (double) INSTANCES, "%.2f");
        line(row, "work items seen leased past their end", one.leases().overdue(), two.leases().overdue(), "%.0f");
        System.out.printf("  phase 2, each replica's share (goal: each within 40-60 %%):%n");
        long heldTotal = workers.stream().mapToLong(w -> two.leases().heldByWorker().getOrDefault(w, 0L)).sum();
        for (int r = 0; r < workers.size(); r++) {
            System.out.printf("    replica %s (worker %s): %5.1f %% of the reconcile passes (%,d of %,d), %5.1f %% of the"
                    + " leases seen held (%d samples)%n", (char) ('a' + r), workers.get(r), 100.0 * two.passes(r) / two.passesTotal(),
                    two.passes(r), two.passesTotal(), 100.0 * two.leases().heldByWorker().getOrDefault(workers.get(r), 0L)
                            / Math.max(1, heldTotal), two.leases().samples());
        }
        System.out.printf("  conflicts of any kind at the API server, phase 2: %s%n", two.requests().entrySet().stream()
                .filter(e -> e.getKey().endsWith(" 409") && e.getValue() != 0).toList());
    }

    private static void line(String row, String what, double one, double two, String format) {
        System.out.printf(row, what, format.formatted(one), format.formatted(two), one == 0 ? "-" : "%.2f".formatted(two / one));
    }

    /** A replica from the jar on the shared database and cluster; its periodic resync pushed past the run. */
    private static NuageProcess replica(Path dir, int postgresPort, Path kubeconfig) throws Exception {
        Files.createDirectories(dir.resolve("data")); // NuageProcess empties it when it closes
        String database = "127.0.0.1:" + postgresPort + "/postgres";
        return NuageProcess.startOn(kubeconfig, dir, List.of("-Xmx" + HEAP, "-Dnuage.reconciler.resync-interval=" + RESYNC,
                "-Dquarkus.datasource.reactive.url=postgresql://" + database,
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://" + database, "-Dquarkus.datasource.username=postgres",
                "-Dnuage.admin-token=" + ADMIN_TOKEN, "-Dnuage.secret-key=" + SECRET_KEY));
    }

    private Api api(NuageProcess replica) {
        return new Api(http, "http://localhost:" + replica.port, ADMIN_TOKEN);
    }

    /** The replica's worker id, as it logs it at start and writes it into the leases it takes. */
    private static String worker(NuageProcess replica) throws Exception {
        Matcher m = Pattern.compile("Reconciler (\\S+) started").matcher(Files.readString(replica.dataDir.resolveSibling("nuage.log")));
        return m.find() ? m.group(1) : "?";
    }

    /** Each replica's reconcile passes so far, by kind, from its own metrics. */
    private static List<Map<String, Long>> passes(List<Api> apis) throws Exception {
        Pattern counter = Pattern.compile("(?m)^nuage_reconcile_passes_total\\{[^}]*kind=\"([^\"]+)\"[^}]*\\} (\\S+)$");
        List<Map<String, Long>> passes = new ArrayList<>();
        for (Api api : apis) {
            Map<String, Long> byKind = new HashMap<>();
            Matcher m = counter.matcher(api.metrics());
            while (m.find()) {
                byKind.merge(m.group(1), (long) Double.parseDouble(m.group(2)), Long::sum);
            }
            passes.add(byKind);
        }
        return passes;
    }

    /** The shared database, as the benchmark polls it. */
    private record Database(int port) {

        Connection connect() throws Exception {
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
        }

        void awaitRunning(int count) throws Exception {
            await(Math.max(600, INSTANCES / 10), count + " instances running",
                    "SELECT count(*) >= " + count + " FROM instances WHERE phase = 'running'");
        }

        /** No work item due or leased: the passes caused so far have all ended. */
        void awaitIdle() throws Exception {
            await(300, "an idle work queue",
                    "SELECT count(*) = 0 FROM work_items WHERE not_before <= now() OR leased_by IS NOT NULL");
        }

        /** Polls {@code query} (one boolean) every 200 ms until it is true, or fails after {@code seconds}. */
        private void await(long seconds, String what, String query) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            try (Connection c = connect(); Statement st = c.createStatement()) {
                while (true) {
                    try (ResultSet r = st.executeQuery(query)) {
                        r.next();
                        if (r.getBoolean(1)) {
                            return;
                        }
                    }
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("not within " + seconds + " s: " + what);
                    }
                    Thread.sleep(200);
                }
            }
        }
    }
}
