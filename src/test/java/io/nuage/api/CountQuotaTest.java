package io.nuage.api;

import static io.nuage.api.TestApi.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import io.nuage.compute.Instances;
import io.nuage.support.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The counts in a tenant's quota: networks, volumes, snapshots and tokens, each refused past its limit, even under a race. */
@QuarkusTest
class CountQuotaTest {

    private static String tenantWith(Map<String, Object> quota) {
        String t = TestApi.createTenant();
        admin().body(Map.of("quota", quota)).patch("/v1/tenants/" + t).then().statusCode(200);
        return t;
    }

    private static ValidatableResponse exceeded(ValidatableResponse r, String key, int quota) {
        return r.statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("quota_exceeded"))
                .body("exceeded", equalTo(List.of(key)))
                .body("quota." + key, equalTo(quota))
                .body("usage." + key, equalTo(quota))
                .body("request." + key, equalTo(1));
    }

    private static Map<String, Object> network(String name, int i) {
        return Map.of("name", name, "cidr", "10.1." + i + ".0/24"); // never 10.0.2.0/24, KubeVirt's own
    }

    @Test
    void defaultsComeFromConfigurationAndPatchSetsEach() {
        String t = TestApi.createTenant();
        admin().get("/v1/tenants/" + t).then().statusCode(200)
                .body("quota.networks", equalTo(20)).body("quota.volumes", equalTo(100))
                .body("quota.snapshots", equalTo(100)).body("quota.tokens", equalTo(50));
        admin().body(Map.of("quota", Map.of("networks", 2, "tokens", 3))).patch("/v1/tenants/" + t).then().statusCode(200)
                .body("quota.networks", equalTo(2)).body("quota.tokens", equalTo(3))
                .body("quota.volumes", equalTo(100)).body("quota.vcpus", equalTo(16));
        admin().body(Map.of("quota", Map.of("snapshots", -1, "volumes", 100_001))).patch("/v1/tenants/" + t).then()
                .statusCode(400).body("errors.field", hasItem("quota.snapshots")).body("errors.field", hasItem("quota.volumes"));
        admin().body(Map.of("name", TestApi.unique("q"), "quota", Map.of("volumes", 7))).post("/v1/tenants").then()
                .statusCode(201).body("quota.volumes", equalTo(7)).body("quota.networks", equalTo(20));
    }

    @Test
    void networksAndVolumesPastTheirQuotaAreRefusedUntilOneIsGone() {
        String t = tenantWith(Map.of("networks", 1, "volumes", 1));
        String networks = "/v1/tenants/" + t + "/networks";
        String volumes = "/v1/tenants/" + t + "/volumes";
        admin().body(network("a", 1)).post(networks).then().statusCode(201);
        exceeded(admin().body(network("b", 2)).post(networks).then(), "networks", 1);
        admin().body(Map.of("name", "a", "size_gib", 1)).post(volumes).then().statusCode(201);
        exceeded(admin().body(Map.of("name", "b", "size_gib", 1)).post(volumes).then(), "volumes", 1)
                .body("request.storage_gib", equalTo(1)).body("usage.storage_gib", equalTo(1));

        admin().delete(networks + "/a").then().statusCode(202);
        admin().delete(volumes + "/a").then().statusCode(202);
        Await.until(Duration.ofSeconds(30), "a gone", () -> admin().get(networks + "/a").statusCode() == 404
                && admin().get(volumes + "/a").statusCode() == 404);
        admin().body(network("b", 2)).post(networks).then().statusCode(201);
        admin().body(Map.of("name", "b", "size_gib", 1)).post(volumes).then().statusCode(201);
    }

    @Test
    void snapshotsPastTheirQuotaAreRefusedUntilOneIsGone() {
        String t = tenantWith(Map.of("snapshots", 1));
        Instances.create(t, "vm");
        String snapshots = "/v1/tenants/" + t + "/snapshots";
        admin().body(Map.of("name", "s1", "instance", "vm")).post(snapshots).then().statusCode(201);
        exceeded(admin().body(Map.of("name", "s2", "instance", "vm")).post(snapshots).then(), "snapshots", 1);
        Await.until(Duration.ofSeconds(30), "s1 ready",
                () -> "ready".equals(admin().get(snapshots + "/s1").then().extract().path("status.phase")));
        admin().delete(snapshots + "/s1").then().statusCode(202);
        Await.until(Duration.ofSeconds(30), "s1 gone", () -> admin().get(snapshots + "/s1").statusCode() == 404);
        admin().body(Map.of("name", "s2", "instance", "vm")).post(snapshots).then().statusCode(201);
    }

    @Test
    void tokensPastTheirQuotaAreRefusedUntilRevoked() {
        String t = tenantWith(Map.of("tokens", 2));
        String tokens = "/v1/tenants/" + t + "/tokens";
        String parent = admin().body(Map.of("name", "parent", "role", "member")).post(tokens).then().statusCode(201)
                .extract().path("token");
        TestApi.as(parent).body(Map.of("name", "child", "role", "viewer")).post(tokens).then().statusCode(201);
        exceeded(admin().body(Map.of("name", "third", "role", "viewer")).post(tokens).then(), "tokens", 2);
        // Revoking the parent revokes its child: both give their place back.
        admin().delete(tokens + "/parent").then().statusCode(204);
        admin().body(Map.of("name", "third", "role", "viewer")).post(tokens).then().statusCode(201);
        admin().body(Map.of("name", "fourth", "role", "viewer")).post(tokens).then().statusCode(201);
        exceeded(admin().body(Map.of("name", "fifth", "role", "viewer")).post(tokens).then(), "tokens", 2);
    }

    @Test
    void concurrentCreatesNeverOvershootTheCounts() throws Exception {
        String t = tenantWith(Map.of("networks", 3, "volumes", 3, "tokens", 3));
        String base = "/v1/tenants/" + t;
        List<Integer> networks = atOnce(12, i -> admin().body(network("n" + i, i)).post(base + "/networks").statusCode());
        List<Integer> volumes = atOnce(12, i -> admin().body(Map.of("name", "v" + i, "size_gib", 1)).post(base + "/volumes")
                .statusCode());
        List<Integer> tokens = atOnce(12, i -> admin().body(Map.of("name", "k" + i, "role", "viewer")).post(base + "/tokens")
                .statusCode());
        for (List<Integer> codes : List.of(networks, volumes, tokens)) {
            assertEquals(3, codes.stream().filter(c -> c == 201).count(), codes.toString());
            assertEquals(9, codes.stream().filter(c -> c == 422).count(), codes.toString());
        }
        admin().get(base + "/networks").then().body("items", hasSize(3));
        admin().get(base + "/volumes").then().body("items", hasSize(3));
        admin().get(base + "/tokens").then().body("items", hasSize(3));
    }

    /** Runs {@code n} requests at once, one thread each; their statuses in order. */
    private static List<Integer> atOnce(int n, IntFunction<Integer> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                answers.add(pool.submit(() -> request.apply(k)));
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> a : answers) {
                codes.add(a.get());
            }
            return codes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The headroom a pipeline reads before it fans out: limit, used and available, for every limit. */
    @Test
    void theQuotaEndpointShowsEachLimitWithItsUsageAndHeadroom() {
        String t = tenantWith(Map.of("vcpus", 8, "memory_mib", 8192, "instances", 3, "networks", 4));
        admin().body(Instances.body("headroom", 2, 1024)).post("/v1/tenants/" + t + "/instances").then().statusCode(201);
        admin().body(Map.of("name", "net", "cidr", "10.20.0.0/24")).post("/v1/tenants/" + t + "/networks").then().statusCode(201);

        TestApi.as(TestApi.token(t, "viewer")).get("/v1/tenants/" + t + "/quota").then().statusCode(200)
                .body("vcpus.limit", equalTo(8)).body("vcpus.used", equalTo(2)).body("vcpus.available", equalTo(6))
                .body("memory_mib.used", equalTo(1024)).body("memory_mib.available", equalTo(7168))
                .body("instances.available", equalTo(2)).body("networks.used", equalTo(1))
                .body("networks.available", equalTo(3)).body("tokens.used", equalTo(1));

        String other = TestApi.createTenant();
        TestApi.as(TestApi.token(other, "member")).get("/v1/tenants/" + t + "/quota").then().statusCode(404)
                .body("code", equalTo("not_found"));
        admin().get("/v1/tenants/no-such-tenant/quota").then().statusCode(404);
    }
}
