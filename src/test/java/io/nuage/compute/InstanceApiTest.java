package io.nuage.compute;

import static io.nuage.api.TestApi.admin;
import static io.nuage.api.TestApi.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.nuage.api.TestApi;
import io.quarkus.test.junit.QuarkusTest;

/** Validation, quota, regions, roles and conflicts of the instances API. */
@QuarkusTest
class InstanceApiTest {

    private static String tenantWithQuota(int vcpus, int memoryMib, int instances) {
        String t = TestApi.createTenant();
        admin().body(Map.of("quota", Map.of("vcpus", vcpus, "memory_mib", memoryMib, "instances", instances),
                "regions", List.of("fr-par", "nl-ams"))).patch("/v1/tenants/" + t).then().statusCode(200);
        return t;
    }

    @Test
    void createOverQuotaAnswers422WithTheNumbers() {
        String t = tenantWithQuota(4, 4096, 10);
        admin().body(Instances.body("a", 3, 1024)).post("/v1/tenants/" + t + "/instances").then().statusCode(201);
        admin().body(Instances.body("b", 2, 1024)).post("/v1/tenants/" + t + "/instances").then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("quota_exceeded"))
                .body("exceeded", equalTo(List.of("vcpus")))
                .body("quota.vcpus", equalTo(4))
                .body("usage.vcpus", equalTo(3))
                .body("request.vcpus", equalTo(2));
        admin().get("/v1/tenants/" + t + "/instances/b").then().statusCode(404);
    }

    /** Creates the named instances (1 vCPU, 512 MiB) all at once, one thread each; the status of each answer, in order. */
    private static List<Integer> createAtOnce(String tenant, List<String> names) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(names.size());
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (String name : names) {
                answers.add(pool.submit(() -> admin().body(Instances.body(name, 1, 512))
                        .post("/v1/tenants/" + tenant + "/instances").statusCode()));
            }
            List<Integer> codes = new java.util.ArrayList<>();
            for (var answer : answers) {
                codes.add(answer.get());
            }
            return codes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long count(List<Integer> codes, int status) {
        return codes.stream().filter(c -> c == status).count();
    }

    @Test
    void concurrentCreatesNeverOvershootTheQuota() throws Exception {
        String t = tenantWithQuota(100, 100_000, 5);
        List<Integer> codes = createAtOnce(t, java.util.stream.IntStream.range(0, 20).mapToObj(i -> "race-" + i).toList());
        org.junit.jupiter.api.Assertions.assertEquals(5, count(codes, 201), codes.toString());
        org.junit.jupiter.api.Assertions.assertEquals(15, count(codes, 422), codes.toString());
        admin().queryParam("limit", 500).get("/v1/tenants/" + t + "/instances").then().body("items", hasSize(5));
    }

    /** A script retrying its creates in parallel: each name is created once, and the refused duplicates reserve nothing. */
    @Test
    void concurrentCreatesWithDuplicateNamesEachGetTheirOwnAnswer() throws Exception {
        String t = tenantWithQuota(9, 100_000, 100);
        List<String> names = java.util.stream.IntStream.range(0, 16).mapToObj(i -> "twice-" + (i % 8)).toList();
        List<Integer> codes = createAtOnce(t, names);
        org.junit.jupiter.api.Assertions.assertEquals(8, count(codes, 201), codes.toString());
        org.junit.jupiter.api.Assertions.assertEquals(8, count(codes, 409), codes.toString());
        admin().queryParam("limit", 500).get("/v1/tenants/" + t + "/instances").then().body("items", hasSize(8));
        admin().body(Instances.body("two-more", 2, 512)).post("/v1/tenants/" + t + "/instances").then()
                .statusCode(422).body("usage.vcpus", equalTo(8));
    }

    /** A name is unique among live instances only: the tombstones of earlier instances of that name do not hold it. */
    @Test
    void aDeletedInstancesNameCanBeTakenAgainAndAgain() {
        String t = TestApi.createTenant();
        for (int i = 0; i < 2; i++) {
            Instances.create(t, "again");
            admin().body(Instances.body("again", 1, 512)).post("/v1/tenants/" + t + "/instances").then().statusCode(409);
            admin().delete("/v1/tenants/" + t + "/instances/again").then().statusCode(202);
            io.nuage.support.Await.until(java.time.Duration.ofSeconds(30), "'again' deleted",
                    () -> admin().get("/v1/tenants/" + t + "/instances/again").statusCode() == 404);
        }
        Instances.create(t, "again");
        admin().get("/v1/tenants/" + t + "/instances/again").then().statusCode(200).body("name", equalTo("again"));
    }

    @Test
    void deletedInstanceGivesItsQuotaBack() {
        String t = tenantWithQuota(100, 100_000, 1);
        Instances.create(t, "first");
        admin().body(Instances.body("second", 1, 512)).post("/v1/tenants/" + t + "/instances").then().statusCode(422);
        admin().delete("/v1/tenants/" + t + "/instances/first").then().statusCode(202);
        io.nuage.support.Await.until(java.time.Duration.ofSeconds(30), "first deleted",
                () -> admin().get("/v1/tenants/" + t + "/instances/first").statusCode() == 404);
        admin().body(Instances.body("second", 1, 512)).post("/v1/tenants/" + t + "/instances").then().statusCode(201);
    }

    @Test
    void instanceCountQuota() {
        String t = tenantWithQuota(100, 100_000, 1);
        Instances.create(t, "one");
        admin().body(Instances.body("two", 1, 512)).post("/v1/tenants/" + t + "/instances").then()
                .statusCode(422).body("exceeded", equalTo(List.of("instances"))).body("usage.instances", equalTo(1));
    }

    @Test
    void resizeOverQuotaIsRefusedAndShrinkIsAllowed() {
        String t = tenantWithQuota(4, 8192, 10);
        admin().body(Instances.body("r", 2, 2048)).post("/v1/tenants/" + t + "/instances").then().statusCode(201);
        admin().body(Map.of("memory_mib", 9000)).patch("/v1/tenants/" + t + "/instances/r").then()
                .statusCode(422).body("exceeded", equalTo(List.of("memory_mib")))
                .body("usage.memory_mib", equalTo(0)).body("request.memory_mib", equalTo(9000));
        admin().body(Map.of("vcpus", 4)).patch("/v1/tenants/" + t + "/instances/r").then().statusCode(200).body("vcpus", equalTo(4));
        admin().body(Map.of("vcpus", 1)).patch("/v1/tenants/" + t + "/instances/r").then().statusCode(200).body("vcpus", equalTo(1));
    }

    @Test
    void regionOutsideTheTenantsRegionsAnswers422() {
        String t = TestApi.createTenant(); // regions: [fr-par]
        Map<String, Object> body = Instances.body("far", 1, 512);
        body.put("region", "de-fra");
        admin().body(body).post("/v1/tenants/" + t + "/instances").then()
                .statusCode(422).body("code", equalTo("region_not_allowed"))
                .body("allowed_regions", equalTo(List.of("fr-par")));
        body.put("region", "fr-par");
        admin().body(body).post("/v1/tenants/" + t + "/instances").then().statusCode(201).body("region", equalTo("fr-par"));
        admin().body(Map.of("region", "nl-ams")).patch("/v1/tenants/" + t + "/instances/far").then()
                .statusCode(400).body("errors[0].field", equalTo("region"));
    }

    @Test
    void theRegionDefaultsToTheTenantsFirstRegion() {
        String t = tenantWithQuota(4, 4096, 10); // regions: [fr-par, nl-ams]
        admin().body(Instances.body("first", 1, 512)).post("/v1/tenants/" + t + "/instances").then()
                .statusCode(201).body("region", equalTo("fr-par"));
        admin().body(Map.of("regions", List.of("nl-ams", "fr-par"))).patch("/v1/tenants/" + t).then().statusCode(200);
        admin().body(Instances.body("second", 1, 512)).post("/v1/tenants/" + t + "/instances").then()
                .statusCode(201).body("region", equalTo("nl-ams"));
        admin().get("/v1/tenants/" + t + "/instances/second").then().statusCode(200).body("region", equalTo("nl-ams"));
    }

    /** The create reads the tenant in its own statement: a tenant missing or deleted still answers 404, whatever the body. */
    @Test
    void creatingInATenantThatDoesNotExistAnswers404WhateverTheBody() {
        String gone = TestApi.createTenant();
        admin().delete("/v1/tenants/" + gone).then().statusCode(204);
        for (String t : List.of("no-such-tenant", gone)) {
            String path = "/v1/tenants/" + t + "/instances";
            admin().body(Instances.body("valid", 1, 512)).post(path).then()
                    .statusCode(404).body("code", equalTo("not_found")).body("detail", containsString(t));
            admin().body(Instances.body("bad", 0, 512)).post(path).then().statusCode(404).body("code", equalTo("not_found"));
            admin().post(path).then().statusCode(404).body("code", equalTo("not_found"));
            Map<String, Object> withNic = Instances.body("nic", 1, 512);
            withNic.put("networks", List.of(Map.of("network", "lan")));
            admin().body(withNic).post(path).then().statusCode(404).body("code", equalTo("not_found"));
        }
    }

    @Test
    void invalidInstancesListEveryProblem() {
        String t = TestApi.createTenant();
        admin().body(Map.of("name", "Bad_Name", "vcpus", 0, "memory_mib", 64, "image", "Not An Image",
                "ssh_keys", List.of("not-a-key"))).post("/v1/tenants/" + t + "/instances").then()
                .statusCode(400).body("code", equalTo("validation_failed"))
                .body("errors.field", hasItems("name", "vcpus", "memory_mib", "image", "ssh_keys[0]"));
        admin().body(Map.of("name", "x")).post("/v1/tenants/" + t + "/instances").then()
                .statusCode(400).body("errors.field", hasItems("vcpus", "memory_mib", "image"));
        Map<String, Object> big = Instances.body("big", 1, 512);
        big.put("user_data", "a".repeat(32 * 1024 + 1));
        admin().body(big).post("/v1/tenants/" + t + "/instances").then()
                .statusCode(400).body("errors.field", hasItem("user_data"));
        admin().body("{\"name\":\"x\",\"vcpus\":\"two\"}").post("/v1/tenants/" + t + "/instances").then()
                .statusCode(400).body("code", equalTo("invalid_type")).body("errors[0].field", equalTo("vcpus"));
        admin().body("{\"name\":\"x\",\"cpus\":2}").post("/v1/tenants/" + t + "/instances").then()
                .statusCode(400).body("code", equalTo("unknown_field")).body("errors[0].field", equalTo("cpus"));
    }

    @Test
    void sshKeysAreCappedInNumberAndInTotalSize() {
        String t = TestApi.createTenant();
        String path = "/v1/tenants/" + t + "/instances";
        String small = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHk me@laptop";
        String rsa = "ssh-rsa " + "A".repeat(700) + " me@laptop";
        Map<String, Object> many = Instances.body("many", 1, 512);
        many.put("ssh_keys", java.util.Collections.nCopies(17, small));
        admin().body(many).post(path).then().statusCode(400).body("code", equalTo("validation_failed"))
                .body("errors.field", equalTo(List.of("ssh_keys"))).body("errors[0].message", equalTo("at most 16 keys"));
        Map<String, Object> heavy = Instances.body("heavy", 1, 512);
        heavy.put("ssh_keys", java.util.Collections.nCopies(12, rsa));
        admin().body(heavy).post(path).then().statusCode(400).body("code", equalTo("validation_failed"))
                .body("errors.field", equalTo(List.of("ssh_keys"))).body("errors[0].message", equalTo("at most 8 KiB in total"));
        Map<String, Object> fine = Instances.body("fine", 1, 512);
        fine.put("ssh_keys", java.util.Collections.nCopies(16, small));
        admin().body(fine).post(path).then().statusCode(201);
        admin().body(Map.of("ssh_keys", java.util.Collections.nCopies(12, rsa))).patch(path + "/fine").then()
                .statusCode(400).body("errors.field", equalTo(List.of("ssh_keys")));
        admin().body(Map.of("ssh_keys", java.util.Collections.nCopies(11, rsa))).patch(path + "/fine").then().statusCode(200);
    }

    @Test
    void duplicateNameIsConflict() {
        String t = TestApi.createTenant();
        Instances.create(t, "dup");
        admin().body(Instances.body("dup", 1, 512)).post("/v1/tenants/" + t + "/instances").then()
                .statusCode(409).body("code", equalTo("already_exists"));
    }

    @Test
    void rolesAndTenantsAreEnforced() {
        String a = TestApi.createTenant();
        String b = TestApi.createTenant();
        String memberA = TestApi.token(a, "member");
        String viewerA = TestApi.token(a, "viewer");
        as(memberA).body(Instances.body("mine", 1, 512)).post("/v1/tenants/" + a + "/instances").then().statusCode(201);
        as(viewerA).get("/v1/tenants/" + a + "/instances").then().statusCode(200).body("items", hasSize(1));
        as(viewerA).body(Instances.body("nope", 1, 512)).post("/v1/tenants/" + a + "/instances").then().statusCode(403);
        as(viewerA).post("/v1/tenants/" + a + "/instances/mine/stop").then().statusCode(403);
        as(viewerA).delete("/v1/tenants/" + a + "/instances/mine").then().statusCode(403);

        Instances.create(b, "theirs");
        for (String token : new String[] { memberA, viewerA }) {
            as(token).get("/v1/tenants/" + b + "/instances").then().statusCode(404);
            as(token).get("/v1/tenants/" + b + "/instances/theirs").then().statusCode(404);
            as(token).body(Map.of("vcpus", 2)).patch("/v1/tenants/" + b + "/instances/theirs").then().statusCode(404);
            as(token).post("/v1/tenants/" + b + "/instances/theirs/stop").then().statusCode(404);
            as(token).delete("/v1/tenants/" + b + "/instances/theirs").then().statusCode(404);
        }
        admin().get("/v1/tenants/" + b + "/instances/theirs").then().statusCode(200).body("running", equalTo(true));
    }

    @Test
    void unknownInstanceIsNotFound() {
        String t = TestApi.createTenant();
        admin().get("/v1/tenants/" + t + "/instances/ghost").then().statusCode(404).body("code", equalTo("not_found"));
        admin().post("/v1/tenants/" + t + "/instances/ghost/start").then().statusCode(404);
    }

    @Test
    void tenantThatOwnsInstancesCannotBeDeleted() {
        String t = TestApi.createTenant();
        Instances.create(t, "keep");
        admin().delete("/v1/tenants/" + t).then().statusCode(409).body("code", equalTo("tenant_not_empty"));
        admin().get("/v1/tenants/" + t).then().statusCode(200);
    }

    @Test
    void listPages() {
        String t = TestApi.createTenant();
        Instances.create(t, "i1");
        Instances.create(t, "i2");
        Instances.create(t, "i3");
        String next = admin().queryParam("limit", 2).get("/v1/tenants/" + t + "/instances").then().statusCode(200)
                .body("items.name", equalTo(List.of("i1", "i2"))).extract().path("next_page_token");
        admin().queryParam("limit", 2).queryParam("page_token", next).get("/v1/tenants/" + t + "/instances").then()
                .body("items.name", equalTo(List.of("i3"))).body("next_page_token", equalTo(null));
    }
}
