package io.nuage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.nuage.bench.ScaleBenchmark.Api;
import io.nuage.bench.ScaleBenchmark.Await;
import io.nuage.bench.ScaleBenchmark.SimulatorProcess;

/**
 * The sustained benchmark (issue #23's table). Run: {@code ./mvnw -B verify -Pbenchmark -Dit.test=SustainedBenchmark};
 * knobs {@code -Dbench.sustained.clients=8 -Dbench.sustained.warmup=15s -Dbench.sustained.seconds=10
 * -Dbench.sustained.tenants=4 -Dbench.sustained.heap=2g -Dbench.sustained.simulator-heap=6g -Dbench.sustained.nuage-options=
 * -Dbench.sustained.api-only=false -Dbench.sustained.rate=0}.
 *
 * <p>Each figure is printed next to its baseline, measured in the same run on the same machine (shared machines are
 * too noisy for figures taken apart): (1) API creates/s against raw single-row inserts into the same PostgreSQL
 * ({@link PgbenchBaseline}, Nuage idle); (2) the p99 of the measured creates, which run while the reconciler works
 * through the backlog of the warm-up's; (3) instances reaching {@code running} per second (Nuage's database: all that
 * reached it, the warm-up's too, from when the measured creates start until all measured instances run) against the
 * same VirtualMachines POSTed straight to the simulated API server and run to Running by the same simulated KubeVirt ({@link DirectPath}). The simulated
 * cluster runs in its own process with zero delays, Nuage in another from the jar on its embedded PostgreSQL. The
 * API clients run a closed loop (each sends its next create once its previous one answered), or offer a fixed rate.
 * Figures are printed, not asserted; only the counts are (every create answered 201, every measured instance ran,
 * every direct VM ran).
 */
class SustainedBenchmark {

    private static final String IMAGE = "quay.io/containerdisks/fedora:41";
    private static final int CLIENTS = Integer.getInteger("bench.sustained.clients", 8);
    private static final long WARMUP = seconds(System.getProperty("bench.sustained.warmup", "15s"));
    private static final long SECONDS = seconds(System.getProperty("bench.sustained.seconds", "10"));
    private static final int TENANTS = Integer.getInteger("bench.sustained.tenants", 4);
    private static final String HEAP = System.getProperty("bench.sustained.heap", "2g");
    private static final String SIMULATOR_HEAP = System.getProperty("bench.sustained.simulator-heap", "6g");
    /** More JVM options for Nuage, space-separated: to compare settings, e.g. -Dnuage.reconciler.workers-while-api-writes=4. */
    private static final String NUAGE_OPTIONS = System.getProperty("bench.sustained.nuage-options", "");
    /** The API alone: Nuage's reconciler off, the measured creates' figures only (no convergence, no direct path). */
    private static final boolean API_ONLY = Boolean.getBoolean("bench.sustained.api-only");
    /**
     * Creates offered per second, warm-up and measure alike, instead of the closed loop (0): the i-th is due at
     * start + i / rate and sent then, or as soon as a client is free, its latency counted from then ({@link OfferedLoad}).
     * Below what the whole path converges, the reconciler keeps pace and has no backlog: the p99 of a load the cores
     * can carry.
     */
    private static final double RATE = Double.parseDouble(System.getProperty("bench.sustained.rate", "0"));
    private static final String DIRECT_NAMESPACE = "direct-sustained";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The measured creates: the instances' ids, latencies (ns), the first sent and last answered (nanoTime). */
    private record Creates(Set<String> ids, List<Long> latencies, int warmup, long firstSent, long lastAnswered,
            PhaseCpu atFirst, PhaseCpu atLast, Running runningAtFirst) {

        double perSecond() {
            return ids.size() / ((lastAnswered - firstSent) / 1e9);
        }
    }

    @Test
    void sustained() throws Exception {
        Path work = Path.of("target", "sustained-benchmark").toAbsolutePath();
        Files.createDirectories(work.resolve("nuage"));
        System.out.printf("Sustained benchmark: %d clients%s, %d s of warm-up creates then %d s measured, across %d tenants;"
                + " Nuage -Xmx%s, the simulated cluster apart (-Xmx%s, zero delays); work directory %s%n", CLIENTS,
                RATE > 0 ? " offering " + RATE + " creates/s" : " in a closed loop", WARMUP, SECONDS, TENANTS, HEAP, SIMULATOR_HEAP, work);
        try (SimulatorProcess cluster = SimulatorProcess.start(work.resolve("cluster"), SIMULATOR_HEAP);
                NuageProcess nuage = NuageProcess.startOn(cluster.kubeconfig(), work.resolve("nuage"), jvmOptions());
                DirectPath direct = new DirectPath(cluster.kubeconfig(), cluster.url())) {
            Api api = new Api(http, "http://localhost:" + nuage.port, nuage.adminToken());
            for (int t = 0; t < TENANTS; t++) {
                api.expect(201, "POST", "/v1/tenants", """
                        {"name":"sustained-%d","quota":{"vcpus":100000,"memory_mib":100000000,"instances":100000}}""".formatted(t));
            }

            // Baseline A, with Nuage idle.
            awaitQuiet(nuage, cluster, "pgbench");
            PhaseCpu beforeInserts = PhaseCpu.read(nuage, cluster);
            PgbenchBaseline.Result inserts = PgbenchBaseline.run(nuage, work.resolve("pgbench"), CLIENTS, (int) SECONDS);
            Map<String, PhaseCpu.Used> cpu = new LinkedHashMap<>();
            cpu.put("pgbench inserts (Nuage idle)", PhaseCpu.read(nuage, cluster).since(beforeInserts));
            System.out.printf("pgbench: %,d single-row inserts, %.1f/s%n", inserts.inserts(), inserts.insertsPerSecond());

            // The API phase.
            awaitQuiet(nuage, cluster, "the API phase");
            Creates creates = createFor(api, nuage, cluster);
            cpu.put("API measured creates", creates.atLast().since(creates.atFirst()));
            if (API_ONLY) {
                printApi(inserts, creates);
                printCpu(cpu);
                return;
            }
            Running allRunning = Running.awaitAll(nuage, creates.ids(), creates.firstSent());
            cpu.put("after them, until all running", PhaseCpu.read(nuage, cluster).since(creates.atLast()));
            int measured = creates.ids().size();
            System.out.printf("API: %,d warm-up creates, then %,d measured in %.2f s; all measured running %.2f s after the"
                    + " first of them%n", creates.warmup(), measured, (creates.lastAnswered() - creates.firstSent()) / 1e9,
                    (allRunning.at() - creates.firstSent()) / 1e9);

            // Baseline B, once Nuage has run every instance (the warm-up's too) and the cluster is quiet again.
            try (Connection c = nuage.postgres(); var st = c.createStatement()) {
                Await.deadline(600, "every instance running", () -> {
                    try (ResultSet r = st.executeQuery("SELECT count(*) FROM instances WHERE phase <> 'running'")) {
                        r.next();
                        return r.getLong(1) == 0;
                    }
                });
            }
            List<GenericKubernetesResource> copies = direct.copiesOf(creates.ids(), DIRECT_NAMESPACE);
            assertEquals(measured, copies.size(), "a VirtualMachine for every measured instance");
            Files.writeString(work.resolve("direct-vm-example.json"), direct.json(copies.get(0)));
            awaitQuiet(nuage, cluster, "the direct path");
            PhaseCpu beforeDirect = PhaseCpu.read(nuage, cluster);
            PhaseCpu[] afterDirectCreates = new PhaseCpu[1];
            DirectPath.Result d = direct.run(copies, DIRECT_NAMESPACE, CLIENTS, Duration.ofMinutes(10),
                    () -> afterDirectCreates[0] = PhaseCpu.read(nuage, cluster));
            cpu.put("direct creates", afterDirectCreates[0].since(beforeDirect));
            cpu.put("after them, until all Running", PhaseCpu.read(nuage, cluster).since(afterDirectCreates[0]));
            printTable(inserts, creates, allRunning, d, cpu);
        }
    }

    /** The API's two figures of issue #23's table: creates/s against pgbench, the p99. */
    private static void printApi(PgbenchBaseline.Result inserts, Creates creates) {
        int measured = creates.ids().size();
        Collections.sort(creates.latencies());
        double apiRate = creates.perSecond();
        double p99 = OfferedLoad.percentile(creates.latencies(), 99);
        System.out.printf("%nSustained benchmark results (%d clients, %d s warm-up, %d s measured%s; one run, each figure"
                + " next to its baseline of the same run):%n", CLIENTS, WARMUP, SECONDS, API_ONLY ? ", the API alone" : "");
        System.out.printf("  %-44s %12s %12s %7s  %s%n", "figure", "Nuage", "baseline", "ratio", "goal");
        System.out.printf("  %-44s %10.1f/s %10.1f/s %7.2f  >= 0.25: %s%s%n", "API creates/s vs pgbench single-row inserts/s",
                apiRate, inserts.insertsPerSecond(), apiRate / inserts.insertsPerSecond(),
                verdict(apiRate / inserts.insertsPerSecond() >= 0.25), RATE > 0 ? " (the rate offered)" : "");
        System.out.printf("  %-44s %9.1f ms %12s %7s  < 50 ms: %s (p50 %.1f ms, max %.1f ms, %,d creates)%n",
                API_ONLY ? "API create p99, reconciler off" : "API create p99, reconciler working", p99, "", "", verdict(p99 < 50),
                OfferedLoad.percentile(creates.latencies(), 50), creates.latencies().get(measured - 1) / 1e6, measured);
    }

    /** Issue #23's table: each figure, its baseline of the same run and their ratio; then the CPU by phase. */
    private static void printTable(PgbenchBaseline.Result inserts, Creates creates, Running allRunning, DirectPath.Result d,
            Map<String, PhaseCpu.Used> cpu) {
        printApi(inserts, creates);
        int measured = creates.ids().size();
        // Every instance that reached running in the window counts, the warm-up's too: the measured ones queue behind the
        // warm-up's backlog, so their count alone over the window (printed below) leaves out work the window did.
        double runningRate = allRunning.since(creates.runningAtFirst());
        double measuredOnly = measured / ((allRunning.at() - creates.firstSent()) / 1e9);
        System.out.printf("  %-44s %10.1f/s %10.1f/s %7.2f  >= 0.5: %s; then 0.8: %s%s%n",
                "instances running/s vs direct VMs Running/s", runningRate, d.runningPerSecond(),
                runningRate / d.runningPerSecond(), verdict(runningRate / d.runningPerSecond() >= 0.5),
                verdict(runningRate / d.runningPerSecond() >= 0.8), RATE > 0 ? " (bounded by the rate offered)" : "");
        System.out.printf("  of them measured instances alone: %,d over %.1f s from the first measured create = %.1f/s (ratio %.2f)%n",
                measured, (allRunning.at() - creates.firstSent()) / 1e9, measuredOnly, measuredOnly / d.runningPerSecond());
        System.out.printf("  direct creates (Fabric8, %d clients): %.1f/s; %,d VMs%n", CLIENTS, d.createsPerSecond(), d.vms());
        // CPU per instance is steadier than the rates on these shared cores: it moves with what a process does, not with
        // how the cores were shared in that run.
        long instances = allRunning.instances() - creates.runningAtFirst().instances();
        PhaseCpu.Used during = cpu.get("API measured creates");
        PhaseCpu.Used after = cpu.get("after them, until all running");
        System.out.printf("  CPU per instance reaching running in the window (%,d; the window's creates included): Nuage %.2f ms, PostgreSQL"
                + " %.2f ms, simulator %.2f ms%n", instances, (during.nuage() + after.nuage()) / (double) instances,
                (during.postgres() + after.postgres()) / (double) instances, (during.simulator() + after.simulator()) / (double) instances);
        printCpu(cpu);
    }

    private static void printCpu(Map<String, PhaseCpu.Used> cpu) {
        System.out.println("  CPU (cores busy, CPU seconds) by phase:");
        cpu.forEach((phase, used) -> System.out.printf("    %-34s %s%n", phase, used));
    }

    /**
     * {@link #CLIENTS} clients in a closed loop (or at {@link #RATE}) for {@link #WARMUP} + {@link #SECONDS} seconds; the
     * creates sent after the warm-up are the measured ones. CPU is read when the measured window opens and when it closes.
     */
    private Creates createFor(Api api, NuageProcess nuage, SimulatorProcess cluster) throws Exception {
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(WARMUP);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(SECONDS);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger warmup = new AtomicInteger();
        AtomicLong firstSent = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lastAnswered = new AtomicLong();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(clients.submit(() -> {
                    for (long sent = System.nanoTime(); sent < end; sent = System.nanoTime()) {
                        int i = next.getAndIncrement();
                        // At a fixed rate a create's latency runs from when it was due, as OfferedLoad measures it.
                        if (RATE > 0 && start + (long) (i * 1e9 / RATE) >= end) {
                            break;
                        }
                        long due = RATE > 0 ? OfferedLoad.awaitDue(start, i, RATE) : sent;
                        String body = api.expect(201, "POST", "/v1/tenants/sustained-" + i % TENANTS + "/instances", """
                                {"name":"vm-%d","vcpus":1,"memory_mib":512,"image":"%s"}""".formatted(i, IMAGE));
                        long answered = System.nanoTime();
                        if (due < measureFrom) {
                            warmup.incrementAndGet();
                            continue;
                        }
                        latencies.add(answered - due);
                        ids.add(JSON.readTree(body).path("id").asText());
                        firstSent.accumulateAndGet(due, Math::min);
                        lastAnswered.accumulateAndGet(answered, Math::max);
                    }
                    return null;
                }));
            }
            // The readings happen at the window's edges, whatever the clients are doing: waiting for a time, not a condition.
            LockSupport.parkNanos(measureFrom - System.nanoTime());
            PhaseCpu atFirst = PhaseCpu.read(nuage, cluster);
            Running runningAtFirst = Running.count(nuage);
            LockSupport.parkNanos(end - System.nanoTime());
            for (Future<?> f : done) {
                f.get();
            }
            PhaseCpu atLast = PhaseCpu.read(nuage, cluster);
            return new Creates(ids, latencies, warmup.get(), firstSent.get(), lastAnswered.get(), atFirst, atLast, runningAtFirst);
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * Waits (at most 30 s) until Nuage, its PostgreSQL and the simulated cluster together use under a tenth of a core
     * over a second, so that one phase's tail does not run into the next one's measure; prints what that last second
     * used (the background the phase runs on: the simulated KubeVirt resyncs every VM every 2 s, whoever made it).
     */
    private static void awaitQuiet(NuageProcess nuage, SimulatorProcess cluster, String phase) throws Exception {
        PhaseCpu.Used used = PhaseCpu.awaitQuiet(nuage, cluster, 30, PhaseCpu.Used::cores);
        System.out.printf("Background before %s, %s%s%n", phase, used, used.cores() >= 0.1 ? " (not quiet within 30 s:"
                + " measuring anyway)" : "");
    }

    private static String verdict(boolean met) {
        return met ? "met" : "missed";
    }

    private static long seconds(String duration) {
        return Long.parseLong(duration.trim().replaceAll("s$", ""));
    }

    private static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Xmx" + HEAP));
        if (API_ONLY) {
            options.add("-Dnuage.reconciler.enabled=false");
        }
        options.addAll(Arrays.stream(NUAGE_OPTIONS.split(" ")).filter(o -> !o.isBlank()).toList());
        return options;
    }
}
