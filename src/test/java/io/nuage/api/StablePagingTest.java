package io.nuage.api;

import static io.nuage.api.TestApi.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.nuage.compute.Instances;
import io.nuage.support.FreshClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Paging through 2,500 instances while others are created and deleted: no instance is listed twice, and every one
 * that exists throughout is listed (the page token is a position in the name order, not an offset).
 */
@QuarkusTest
@TestProfile(FreshClusterProfile.StablePaging.class)
class StablePagingTest {

    private static final int STEADY = 2500;

    private static Map<String, Object> stopped(String name) {
        Map<String, Object> body = new HashMap<>(Instances.body(name, 1, 128));
        body.put("running", false);
        return body;
    }

    @Test
    void pagingUnderCreatesAndDeletesNeverReturnsAnInstanceTwice() throws Exception {
        String t = TestApi.createTenant();
        admin().body(Map.of("quota", Map.of("instances", 4000, "vcpus", 4000, "memory_mib", 4000 * 128)))
                .patch("/v1/tenants/" + t).then().statusCode(200);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Void>> creates = new ArrayList<>();
        for (int i = 0; i < STEADY; i++) {
            String name = String.format("s-%04d", i);
            creates.add(CompletableFuture.runAsync(() -> admin().body(stopped(name)).post("/v1/tenants/" + t + "/instances")
                    .then().statusCode(201), pool));
        }
        CompletableFuture.allOf(creates.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);

        // Meanwhile, names that sort among the steady ones come and go.
        AtomicBoolean churning = new AtomicBoolean(true);
        CompletableFuture<Integer> churn = CompletableFuture.supplyAsync(() -> {
            int n = 0;
            while (churning.get()) {
                String name = String.format("s-%04d-x", n % STEADY);
                int created = admin().body(stopped(name)).post("/v1/tenants/" + t + "/instances").statusCode();
                int deleted = admin().delete("/v1/tenants/" + t + "/instances/" + name).statusCode();
                n += created == 201 && deleted == 202 ? 1 : 0; // only an instance that really came and went counts
            }
            return n;
        }, pool);

        List<String> seen = new ArrayList<>();
        String token = "";
        do {
            JsonPath page = admin().queryParam("limit", 97).queryParam("page_token", token)
                    .get("/v1/tenants/" + t + "/instances").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.name"));
            token = page.getString("next_page_token");
        } while (token != null);
        churning.set(false);
        int churned = churn.get(1, TimeUnit.MINUTES);
        pool.shutdown();

        Set<String> unique = new HashSet<>(seen);
        assertEquals(seen.size(), unique.size(), "an instance listed twice");
        for (int i = 0; i < STEADY; i++) {
            assertTrue(unique.contains(String.format("s-%04d", i)), "s-" + i + " missing");
        }
        assertTrue(churned > 0, "instances came and went during the paging");
    }
}
