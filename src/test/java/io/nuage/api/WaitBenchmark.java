package io.nuage.api;

import static io.nuage.api.TestApi.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.nuage.compute.Instances;
import io.nuage.support.Await;
import io.quarkus.test.common.http.TestHTTPResource;
import io.nuage.support.BenchmarkProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * What {@code wait_for} costs (issue #19, point 5): the heap that 1,000 requests waiting at once hold, and that every
 * one of them is answered once its instance runs. Run with {@code ./mvnw -B verify -Pbenchmark -Dit.test=WaitBenchmark};
 * the figures are printed. The client runs in the same JVM as Nuage, so the heap figure includes the client's side of
 * the 1,000 connections: an upper bound.
 */
@QuarkusTest
@TestProfile(BenchmarkProfile.class)
class WaitBenchmark {

    private static final int WAITERS = 1000;

    @Inject
    Waits waits;

    @TestHTTPResource("/")
    URI root;

    @Test
    void aThousandWaiters() throws Exception {
        String t = TestApi.createTenant();
        admin().body(Map.of("quota", Map.of("instances", WAITERS, "vcpus", WAITERS, "memory_mib", WAITERS * 512)))
                .patch("/v1/tenants/" + t).then().statusCode(200);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Void>> creates = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            String name = "w-" + i;
            creates.add(CompletableFuture.runAsync(() -> {
                Map<String, Object> body = new HashMap<>(Instances.body(name, 1, 512));
                body.put("running", false);
                admin().body(body).post("/v1/tenants/" + t + "/instances").then().statusCode(201);
            }, pool));
        }
        CompletableFuture.allOf(creates.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);

        long before = heapAfterGc();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            answers.add(http.sendAsync(HttpRequest.newBuilder(root.resolve("/v1/tenants/" + t + "/instances/w-" + i
                    + "?wait_for=running&timeout=300s")).header("Authorization", "Bearer " + TestApi.ADMIN_TOKEN)
                    .timeout(Duration.ofMinutes(6)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        Await.until(Duration.ofMinutes(2), WAITERS + " requests waiting", () -> waits.waiting() == WAITERS);
        long waiting = heapAfterGc();

        long started = System.nanoTime();
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            String name = "w-" + i;
            starts.add(CompletableFuture.runAsync(() -> admin().post("/v1/tenants/" + t + "/instances/" + name + "/start")
                    .then().statusCode(202), pool));
        }
        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        int running = 0;
        for (CompletableFuture<HttpResponse<String>> a : answers) {
            HttpResponse<String> r = a.get(6, TimeUnit.MINUTES);
            running += r.statusCode() == 200 && r.body().contains("\"phase\":\"running\"") ? 1 : 0;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        System.out.printf("[bench] wait_for: %d requests waiting at once held %.1f MiB of heap (%.1f KiB each, client"
                + " included); %d of %d answered running, the last %.1f s after the starts began%n", WAITERS,
                (waiting - before) / 1048576.0, (waiting - before) / 1024.0 / WAITERS, running, WAITERS, seconds);
        assertEquals(WAITERS, running);
        assertTrue(waiting - before < 50L * 1048576, "issue #19's bound: 1,000 waiters under 50 MiB of heap");
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
