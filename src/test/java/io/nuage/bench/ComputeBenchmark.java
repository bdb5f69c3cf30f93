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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

/**
 * The compute benchmark (issue #4). Run: {@code ./mvnw -B verify -Pbenchmark}; knobs
 * {@code -Dbench.instances=1000 -Dbench.concurrency=8 -Dbench.warmup=200}. Starts Nuage from the jar with its
 * heap capped at 512 MiB on the zero-delay simulated cluster, warms up (the same work, unmeasured, in another
 * tenant and namespace), creates the instances through
 * the API, waits until all are running, then creates the same VirtualMachines directly with
 * Fabric8 against the same mock API server, and prints both rates and the targets.
 */
class ComputeBenchmark {

    private static final String IMAGE = "quay.io/containerdisks/fedora:41";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void compute() throws Exception {
        int n = Integer.getInteger("bench.instances", 1000);
        int concurrency = Integer.getInteger("bench.concurrency", 8);
        int warmup = Integer.getInteger("bench.warmup", 200);
        Path work = Files.createTempDirectory("nuage-bench");
        List<String> jvm = new ArrayList<>(List.of("-Xmx512m",
                "-Dnuage.cluster.simulator.provision-delay=0s", "-Dnuage.cluster.simulator.start-delay=0s",
                "-Dnuage.cluster.simulator.stop-delay=0s"));
        String extra = System.getProperty("bench.jvm", "");
        if (!extra.isBlank()) {
            jvm.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        try (NuageProcess nuage = NuageProcess.start(work, jvm);
                KubernetesClient direct = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                        .withMasterUrl("http://127.0.0.1:" + nuage.simulatorPort).build()).build()) {
            String admin = nuage.adminToken();
            String base = "http://localhost:" + nuage.port;
            for (String tenant : List.of("warmup", "bench")) {
                send("POST", base + "/v1/tenants", admin, "{\"name\":\"" + tenant + "\",\"quota\":{\"vcpus\":100000,"
                        + "\"memory_mib\":100000000,\"instances\":100000}}");
            }

            // 0. Warm-up, not measured: the same work in another tenant, so the JIT has compiled the hot paths of
            // Nuage and of the simulated cluster before the clock starts, as a long-running server would have.
            runConcurrently(warmup, concurrency, i -> create(base, admin, "warmup", i));
            awaitRunning(base, admin, "warmup", warmup, System.nanoTime());

            // Counts VirtualMachines as they appear, with a watch: polling LISTs would load the mock server.
            java.util.concurrent.atomic.AtomicLong allObjectsAt = new java.util.concurrent.atomic.AtomicLong();
            java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
            io.fabric8.kubernetes.client.Watch watch = direct.resources(VirtualMachine.class).inNamespace("nuage-bench")
                    .watch(new io.fabric8.kubernetes.client.Watcher<>() {
                        @Override
                        public void eventReceived(Action action, VirtualMachine vm) {
                            if (action == Action.ADDED && seen.add(vm.getMetadata().getName()) && seen.size() == n) {
                                allObjectsAt.set(System.nanoTime());
                            }
                        }

                        @Override
                        public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {
                        }
                    });

            // 1. Creates through the API, `concurrency` clients at a time.
            long[] latencies = new long[n];
            long t0 = System.nanoTime();
            runConcurrently(n, concurrency, i -> {
                long s = System.nanoTime();
                create(base, admin, "bench", i);
                latencies[i] = System.nanoTime() - s;
            });
            long lastCreate = System.nanoTime();

            // 2. Until every instance is running (read through the API, as a user would).
            long allRunning = awaitRunning(base, admin, "bench", n, lastCreate);
            watch.close();
            long allObjects = allObjectsAt.get() == 0 ? allRunning : allObjectsAt.get();
            long nuageRss = nuage.rssMiB();

            // 3. The same VirtualMachines created directly with Fabric8, same concurrency.
            // Warmed up the same way: the client's first creates are not measured either.
            runConcurrently(warmup, concurrency, i -> createDirect(direct, "bench-direct-warmup", i));
            long d0 = System.nanoTime();
            runConcurrently(n, concurrency, i -> createDirect(direct, "bench-direct", i));
            long directNanos = System.nanoTime() - d0;

            Arrays.sort(latencies);
            double apiSeconds = (lastCreate - t0) / 1e9;
            double objectsSeconds = (allObjects - t0) / 1e9;
            double runningAfterLast = (allRunning - lastCreate) / 1e9;
            double nuageRate = n / objectsSeconds;
            double directRate = n / (directNanos / 1e9);
            double p50 = latencies[n / 2] / 1e6;
            double p99 = latencies[(int) Math.ceil(n * 0.99) - 1] / 1e6;
            System.out.printf("%n=== Nuage compute benchmark: %d instances, %d concurrent clients, heap -Xmx512m, %d warm-up instances ===%n",
                    n, concurrency, warmup);
            System.out.printf("API create throughput       %8.1f instances/s (%d in %.2f s)%n", n / apiSeconds, n, apiSeconds);
            System.out.printf("API create latency          p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", p50, p99, latencies[n - 1] / 1e6);
            System.out.printf("All VirtualMachines exist   %.2f s after the first create%n", objectsSeconds);
            System.out.printf("All instances running       %.2f s after the last create (%.2f s after the first)%n",
                    runningAfterLast, (allRunning - t0) / 1e9);
            System.out.printf("Nuage convergence rate      %8.1f VMs/s (API request to VirtualMachine in the cluster)%n", nuageRate);
            System.out.printf("Direct Fabric8 create rate  %8.1f VMs/s (%d creates in %.2f s)%n", directRate, n, directNanos / 1e9);
            System.out.printf("Ratio Nuage / direct        %8.0f %%%n", 100 * nuageRate / directRate);
            System.out.printf("Nuage resident memory       %d MiB after the run%n", nuageRss);
            System.out.printf("Targets: p99 < 50 ms: %s; all running within 60 s of the last create: %s; ratio >= 50 %%: %s%n",
                    p99 < 50 ? "met" : "MISSED", runningAfterLast <= 60 ? "met" : "MISSED",
                    nuageRate / directRate >= 0.5 ? "met" : "MISSED");
        }
    }

    private static void createDirect(KubernetesClient direct, String namespace, int i) {
        direct.resource(InstanceObjects.virtualMachine(new DesiredInstance(UUID.randomUUID(), "direct", namespace,
                "vm-" + i, 1, 512, IMAGE, null, null, null, true))).create();
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
            Thread.sleep(500);
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
