package io.nuage.api;

import static io.nuage.api.TestApi.admin;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.nuage.compute.Instances;
import io.nuage.support.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** ETag, If-Match and If-None-Match: a client that read a resource changes it only if nobody changed it since. */
@QuarkusTest
class ConditionalRequestTest {

    /** Creates a network and waits for the reconciler to be done with it; its ETag then. */
    private static String network(String tenant, String name) {
        String uri = "/v1/tenants/" + tenant + "/networks";
        admin().body(Map.of("name", name, "cidr", "10.77.0.0/24")).post(uri).then().statusCode(201);
        return settled(uri + "/" + name, "ready");
    }

    /**
     * The ETag once the resource shows {@code phase} and the reconciler has caught up with its last change: until then
     * its status, and so its tag, may move under the test.
     */
    private static String settled(String uri, String phase) {
        Await.until(Duration.ofSeconds(30), uri + " " + phase, () -> {
            JsonPath j = admin().get(uri).then().extract().jsonPath();
            // A running instance's status changes once more when its guest agent connects (GuestReady): settled after it.
            return phase.equals(j.getString("status.phase")) && j.getLong("status.observed_generation") == j.getLong("generation")
                    && (!phase.equals("running") || "True".equals(j.getString("status.conditions.find { it.type == 'GuestReady' }.status")));
        });
        return etag(uri);
    }

    private static String etag(String uri) {
        return admin().get(uri).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void aStaleIfMatchAnswers412WithTheCurrentETagAndChangesNothing() {
        String t = TestApi.createTenant();
        String uri = "/v1/tenants/" + t + "/networks/n";
        String created = network(t, "n");
        assertEquals(created, etag(uri), "an unchanged resource keeps its tag");
        assertTrue(created.startsWith("\""), "a strong tag: " + created);

        String changed = admin().header("If-Match", created).body(Map.of("labels", Map.of("team", "a"))).patch(uri)
                .then().statusCode(200).body("labels.team", equalTo("a")).extract().header("ETag");
        assertNotEquals(created, changed);
        // The change bumped the generation: the reconciler's pass moves the status, and the tag, once more.
        String current = settled(uri, "ready");

        admin().header("If-Match", created).body(Map.of("labels", Map.of("team", "b"))).patch(uri).then()
                .statusCode(412)
                .contentType("application/problem+json")
                .header("ETag", current)
                .body("code", equalTo("precondition_failed"))
                .body("etag", equalTo(current));
        admin().get(uri).then().body("labels.team", equalTo("a")).header("ETag", current);

        // A weak tag names no version (RFC 9110): If-Match compares strongly.
        admin().header("If-Match", "W/" + current).body(Map.of("labels", Map.of("team", "b"))).patch(uri).then().statusCode(412);
        admin().header("If-Match", created + ", " + current).body(Map.of("labels", Map.of("team", "c"))).patch(uri).then()
                .statusCode(200).body("labels.team", equalTo("c"));
        admin().header("If-Match", "*").body(Map.of("labels", Map.of("team", "d"))).patch(uri).then()
                .statusCode(200).body("labels.team", equalTo("d"));
    }

    @Test
    void deleteAndActionsWithAStaleIfMatchAnswer412() {
        String t = TestApi.createTenant();
        String uri = "/v1/tenants/" + t + "/instances/vm";
        Instances.create(t, "vm");
        String created = settled(uri, "running");
        admin().header("If-Match", created).body(Map.of("labels", Map.of("a", "b"))).patch(uri).then().statusCode(200);
        String current = settled(uri, "running");

        admin().header("If-Match", created).delete(uri).then().statusCode(412).header("ETag", current);
        admin().header("If-Match", created).post(uri + "/stop").then().statusCode(412);
        admin().header("If-Match", created).post(uri + "/restart").then().statusCode(412);
        admin().header("If-Match", created).body(Map.of("volume", "v")).post(uri + "/volumes").then().statusCode(412);
        admin().get(uri).then().body("running", equalTo(true)).body("status.phase", equalTo("running")).header("ETag", current);

        admin().header("If-Match", current).post(uri + "/stop").then().statusCode(202).body("running", equalTo(false))
                .header("ETag", notNullValue());
        admin().header("If-Match", "*").delete(uri).then().statusCode(202).body("status.phase", equalTo("deleting"));
    }

    @Test
    void otherKindsHonourIfMatchToo() {
        String t = TestApi.createTenant();
        String base = "/v1/tenants/" + t;
        admin().body(Map.of("name", "v", "size_gib", 1)).post(base + "/volumes").then().statusCode(201);
        String volume = settled(base + "/volumes/v", "ready");
        admin().header("If-Match", volume).body(Map.of("size_gib", 2)).patch(base + "/volumes/v").then().statusCode(200);
        admin().header("If-Match", volume).delete(base + "/volumes/v").then().statusCode(412);

        String token = admin().body(Map.of("name", "k", "role", "viewer")).post(base + "/tokens").then().statusCode(201)
                .extract().header("ETag");
        assertEquals(token, etag(base + "/tokens/k"), "the create's tag is the token's as a GET shows it, without its secret");
        admin().header("If-Match", "\"other\"").delete(base + "/tokens/k").then().statusCode(412).header("ETag", token);
        admin().header("If-Match", token).delete(base + "/tokens/k").then().statusCode(204);

        Instances.create(t, "vm");
        admin().body(Map.of("name", "s", "instance", "vm")).post(base + "/snapshots").then().statusCode(201);
        admin().header("If-Match", "\"stale\"").post(base + "/snapshots/s/restore").then().statusCode(412);
        admin().header("If-Match", "\"stale\"").delete(base + "/snapshots/s").then().statusCode(412);

        java.time.Instant start = java.time.Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Response window = admin().body(Map.of("tenant", t, "starts_at", start.toString(), "ends_at", start.plusSeconds(3600).toString(),
                "reason", "Conditional cancel")).post("/v1/maintenance-windows");
        String windowUri = "/v1/maintenance-windows/" + window.then().statusCode(201).extract().path("id");
        assertEquals(window.header("ETag"), etag(windowUri));
        admin().header("If-Match", "\"stale\"").delete(windowUri).then().statusCode(412).header("ETag", window.header("ETag"));
        admin().header("If-Match", window.header("ETag")).delete(windowUri).then().statusCode(204);

        String tenant = etag(base);
        admin().header("If-Match", tenant).body(Map.of("display_name", "First")).patch(base).then().statusCode(200);
        admin().header("If-Match", tenant).body(Map.of("display_name", "Second")).patch(base).then().statusCode(412);
        admin().header("If-Match", tenant).delete(base).then().statusCode(412);
        admin().get(base).then().body("display_name", equalTo("First"));
    }

    @Test
    void ifNoneMatchAnswers304WhileTheResourceIsUnchanged() {
        String t = TestApi.createTenant();
        String uri = "/v1/tenants/" + t + "/networks/n";
        String first = network(t, "n");
        admin().header("If-None-Match", first).get(uri).then().statusCode(304).header("ETag", first).body(emptyString());
        admin().header("If-None-Match", "W/" + first).get(uri).then().statusCode(304);
        admin().header("If-None-Match", "*").get(uri).then().statusCode(304);
        admin().body(Map.of("labels", Map.of("x", "y"))).patch(uri).then().statusCode(200);
        admin().header("If-None-Match", first).get(uri).then().statusCode(200).body("labels.x", equalTo("y"));
    }

    /** The generation moves only with the desired state; the status moves too, and so must the tag. */
    @Test
    void theETagChangesWhenTheStatusChanges() {
        String t = TestApi.createTenant();
        Response created = admin().body(Instances.body("vm", 1, 512)).post("/v1/tenants/" + t + "/instances");
        created.then().statusCode(201).body("status.phase", equalTo("pending"));
        Instances.awaitPhase(t, "vm", "running");
        Response running = admin().get("/v1/tenants/" + t + "/instances/vm");
        assertEquals(created.jsonPath().getLong("generation"), running.jsonPath().getLong("generation"));
        assertNotEquals(created.header("ETag"), running.header("ETag"));
    }

    @Test
    void ofTwoConcurrentPatchesWithTheSameIfMatchExactlyOneWins() throws Exception {
        String t = TestApi.createTenant();
        String uri = "/v1/tenants/" + t + "/networks/n";
        network(t, "n");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String etag = settled(uri, "ready");
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (String team : List.of("a" + round, "b" + round)) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return admin().header("If-Match", etag).body(Map.of("labels", Map.of("team", team))).patch(uri).statusCode();
                    }));
                }
                go.countDown();
                List<Integer> codes = new ArrayList<>();
                for (Future<Integer> a : answers) {
                    codes.add(a.get());
                }
                codes.sort(null);
                assertEquals(List.of(200, 412), codes, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
