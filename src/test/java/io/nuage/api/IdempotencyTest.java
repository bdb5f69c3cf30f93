package io.nuage.api;

import static io.nuage.api.TestApi.admin;
import static io.nuage.api.TestApi.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.nuage.compute.Instances;
import io.nuage.tenancy.Tenant;
import io.nuage.tenancy.TenantAccess;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Idempotency-Key on POSTs: a retry gets the first answer and changes nothing, whoever races and whatever it answered. */
@QuarkusTest
class IdempotencyTest {

    @Inject
    ETags etags;
    @Inject
    Pool pool;
    @Inject
    TenantAccess access;
    @Inject
    Clock clock;

    private static Response post(io.restassured.specification.RequestSpecification as, String key, Object body, String path) {
        return as.header(Idempotency.HEADER, key).body(body).post(path);
    }

    private static Map<String, Object> network(String name) {
        return Map.of("name", name, "cidr", "10.7.0.0/24");
    }

    private static String networks(String tenant) {
        return "/v1/tenants/" + tenant + "/networks";
    }

    @Test
    void fiftyConcurrentIdenticalCreatesMakeOneNetworkAndEveryAnswerIsTheFirstOrInProgress() throws Exception {
        String t = TestApi.createTenant();
        String key = UUID.randomUUID().toString();
        ExecutorService pool50 = Executors.newFixedThreadPool(50);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                answers.add(pool50.submit(() -> post(admin(), key, network("race"), networks(t))));
            }
            List<Response> created = new ArrayList<>();
            for (Future<Response> f : answers) {
                Response r = f.get();
                if (r.statusCode() == 409) {
                    assertEquals("idempotency_in_progress", r.jsonPath().getString("code"));
                    assertEquals("1", r.header("Retry-After"));
                } else {
                    assertEquals(201, r.statusCode(), r.asString());
                    created.add(r);
                }
            }
            assertFalse(created.isEmpty());
            assertEquals(1, created.stream().filter(r -> r.header(Idempotency.REPLAYED) == null).count(), "one ran");
            for (Response r : created) {
                assertEquals(created.get(0).asString(), r.asString());
                assertEquals(created.get(0).header("Location"), r.header("Location"));
            }
        } finally {
            pool50.shutdown();
        }
        admin().get(networks(t)).then().statusCode(200).body("items.size()", equalTo(1));
    }

    @Test
    void aRetryAfterTheAnswerReplaysItAndCreatesNothing() {
        String t = TestApi.createTenant();
        String key = unique("k");
        String instances = "/v1/tenants/" + t + "/instances";
        Response first = post(admin(), key, Instances.body("web", 1, 128), instances);
        first.then().statusCode(201).header(Idempotency.REPLAYED, nullValue());
        Response again = post(admin(), key, Instances.body("web", 1, 128), instances);
        again.then().statusCode(201).header(Idempotency.REPLAYED, "true").contentType("application/json");
        assertEquals(first.asString(), again.asString());
        assertEquals(first.header("Location"), again.header("Location"));
        assertNotNull(first.header("ETag"));
        assertEquals(first.header("ETag"), again.header("ETag"), "a replay carries the first answer's ETag");
        admin().get(instances).then().body("items.size()", equalTo(1));
        admin().get("/v1/tenants/" + t + "/quota").then().body("instances.used", equalTo(1));
    }

    @Test
    void theSameKeyForAnotherRequestIsRefused() {
        String t = TestApi.createTenant();
        String key = unique("k");
        post(admin(), key, network("a"), networks(t)).then().statusCode(201);
        post(admin(), key, network("b"), networks(t)).then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("idempotency_key_reused"));
        post(admin(), key, Map.of("name", unique("t")), "/v1/tenants").then().statusCode(422)
                .body("code", equalTo("idempotency_key_reused"));
        admin().get(networks(t)).then().body("items.size()", equalTo(1));
    }

    @Test
    void keysOfTwoTenantsAreIndependentAndAnotherTokenOfTheTenantGetsNoReplay() {
        String a = TestApi.createTenant();
        String b = TestApi.createTenant();
        String key = unique("k");
        String tokenA = TestApi.token(a, "member");
        post(TestApi.as(tokenA), key, network("n"), networks(a)).then().statusCode(201);
        post(TestApi.as(TestApi.token(b, "member")), key, network("n"), networks(b)).then().statusCode(201)
                .header(Idempotency.REPLAYED, nullValue());
        post(TestApi.as(tokenA), key, network("n"), networks(a)).then().statusCode(201).header(Idempotency.REPLAYED, "true");
        // The operator's keys are its own; another token of the tenant may not be answered what this one was.
        post(admin(), key, network("n"), networks(a)).then().statusCode(409).body("code", equalTo("already_exists"));
        post(TestApi.as(TestApi.token(a, "member")), key, network("n"), networks(a)).then().statusCode(422)
                .body("code", equalTo("idempotency_key_reused"));
    }

    @Test
    void aRefusalIsReplayedAsItWasAnswered() {
        String t = TestApi.createTenant();
        admin().body(Map.of("quota", Map.of("networks", 0))).patch("/v1/tenants/" + t).then().statusCode(200);
        String key = unique("k");
        Response first = post(admin(), key, network("n"), networks(t));
        first.then().statusCode(422).body("code", equalTo("quota_exceeded"));
        admin().body(Map.of("quota", Map.of("networks", 1))).patch("/v1/tenants/" + t).then().statusCode(200);
        Response again = post(admin(), key, network("n"), networks(t));
        again.then().statusCode(422).contentType("application/problem+json").header(Idempotency.REPLAYED, "true");
        assertEquals(first.asString(), again.asString());
        admin().body(network("n")).post(networks(t)).then().statusCode(201);
    }

    @Test
    void anUnavailableAnswerIsNotKeptSoTheRetryRuns() {
        AtomicBoolean down = new AtomicBoolean(true);
        QuarkusMock.installMockForType(new TenantScoped(access, clock, etags) {
            @Override
            Uni<Tenant> write(String tenant) {
                return down.get() ? Uni.createFrom().failure(new ConnectException("Connection refused")) : super.write(tenant);
            }
        }, TenantScoped.class);
        String t = TestApi.createTenant();
        String key = unique("k");
        post(admin(), key, network("n"), networks(t)).then().statusCode(503).body("code", equalTo("service_unavailable"));
        assertEquals(0, rows(key).size(), "the key was given up");
        down.set(false);
        post(admin(), key, network("n"), networks(t)).then().statusCode(201).header(Idempotency.REPLAYED, nullValue());
    }

    @Test
    void aTokenReplayedGivesTheSameSecretWhichTheDatabaseHoldsOnlySealed() {
        String t = TestApi.createTenant();
        String key = unique("k");
        Map<String, Object> body = Map.of("name", "ci", "role", "member");
        String secret = post(admin(), key, body, "/v1/tenants/" + t + "/tokens").then().statusCode(201).extract().path("token");
        post(admin(), key, body, "/v1/tenants/" + t + "/tokens").then().statusCode(201)
                .header(Idempotency.REPLAYED, "true").body("token", equalTo(secret));
        TestApi.as(secret).get(networks(t)).then().statusCode(200);

        List<Row> rows = rows(key);
        assertEquals(1, rows.size());
        byte[] stored = rows.get(0).getBuffer("body").getBytes();
        String raw = new String(stored, StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains(secret.substring("nuage_".length() + 33)), "no plaintext secret"); // after nuage_<id hex>_
        assertFalse(raw.contains("\"token\""), "no plaintext body");
        assertNotNull(rows.get(0).getBuffer("request_hash"));
        assertEquals(32, rows.get(0).getBuffer("request_hash").length());
    }

    @Test
    void anExpiredKeyRunsAgainAndSoDoesAClaimItsReplicaAbandoned() {
        String name = unique("t");
        String key = unique("k");
        post(admin(), key, Map.of("name", name), "/v1/tenants").then().statusCode(201);
        pool.preparedQuery("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1")
                .execute(Tuple.of(key)).await().indefinitely();
        post(admin(), key, Map.of("name", name), "/v1/tenants").then().statusCode(409)
                .body("code", equalTo("already_exists")).header(Idempotency.REPLAYED, nullValue());

        // A claim left in progress holds its key until its bound, then lapses.
        String held = unique("k");
        pool.preparedQuery("""
                INSERT INTO idempotency_keys (scope, key, request_hash, state, created_at, expires_at)
                VALUES ('operator', $1, '\\x00', 'in_progress', now(), now() + interval '1 minute')""")
                .execute(Tuple.of(held)).await().indefinitely();
        post(admin(), held, Map.of("name", unique("t")), "/v1/tenants").then().statusCode(422); // another request's hash
        pool.preparedQuery("UPDATE idempotency_keys SET expires_at = now() WHERE key = $1").execute(Tuple.of(held))
                .await().indefinitely();
        post(admin(), held, Map.of("name", unique("t")), "/v1/tenants").then().statusCode(201);
    }

    @Test
    void invalidKeysAreRefusedNamingTheHeader() {
        for (String key : List.of("", "a".repeat(256), "with space", "tab\there", "caf\u00e9")) {
            post(admin(), key, Map.of("name", unique("t")), "/v1/tenants").then().statusCode(400)
                    .body("code", equalTo("validation_failed")).body("errors[0].field", equalTo(Idempotency.HEADER));
        }
        post(admin(), "a".repeat(255), Map.of("name", unique("t")), "/v1/tenants").then().statusCode(201);
        assertTrue(Idempotency.valid("!~"));
    }

    @Test
    void anActionWithoutABodyIsReplayedToo() {
        String t = TestApi.createTenant();
        String instances = "/v1/tenants/" + t + "/instances";
        admin().body(Instances.body("vm", 1, 128)).post(instances).then().statusCode(201);
        String key = unique("k");
        Response first = admin().header(Idempotency.HEADER, key).post(instances + "/vm/stop");
        first.then().statusCode(202);
        admin().header(Idempotency.HEADER, key).post(instances + "/vm/stop").then().statusCode(202)
                .header(Idempotency.REPLAYED, "true");
    }

    private List<Row> rows(String key) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("SELECT * FROM idempotency_keys WHERE key = $1").execute(Tuple.of(key)).await().indefinitely()
                .forEach(rows::add);
        return rows;
    }
}
