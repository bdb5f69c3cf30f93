package io.nuage.api;

import static io.nuage.api.TestApi.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.nuage.compute.Instances;
import io.nuage.support.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** A GET that waits for a phase answers as soon as it is reached, or at its timeout, without polling by the client. */
@QuarkusTest
class WaitTest {

    @Inject
    Pool pool;
    @Inject
    Waits waits;

    private static String url(String tenant, String name) {
        return "/v1/tenants/" + tenant + "/instances/" + name;
    }

    private static void stopped(String tenant, String name) {
        Map<String, Object> body = new HashMap<>(Instances.body(name, 1, 512));
        body.put("running", false);
        admin().body(body).post("/v1/tenants/" + tenant + "/instances").then().statusCode(201);
    }

    /** What another replica's reconciler writes: the status row, and nothing in this process hears of it. */
    private void anotherReplicaWrites(String tenant, String name, String phase) {
        pool.preparedQuery("UPDATE instances SET phase = $3 WHERE tenant_id = (SELECT id FROM tenants WHERE name = $1) AND name = $2")
                .execute(Tuple.of(tenant, name, phase)).await().atMost(Duration.ofSeconds(10));
    }

    /** A waiting GET, once this replica has it waiting. */
    private CompletableFuture<Response> waitingFor(String tenant, String name, String phase) {
        int before = waits.waiting();
        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> admin()
                .queryParam("wait_for", phase).queryParam("timeout", "60s").get(url(tenant, name)));
        Await.until(Duration.ofSeconds(10), "the request waiting", () -> waits.waiting() > before);
        return answer;
    }

    @Test
    void aWaitAnswersWithinASecondOfAChangeAnotherReplicaWrote() throws Exception {
        String t = TestApi.createTenant();
        stopped(t, "sleeper");
        Instances.awaitPhase(t, "sleeper", "stopped");
        CompletableFuture<Response> waiting = waitingFor(t, "sleeper", "running");
        long changed = System.nanoTime();
        anotherReplicaWrites(t, "sleeper", "running");
        Response answer = waiting.get(30, TimeUnit.SECONDS);
        long millis = Duration.ofNanos(System.nanoTime() - changed).toMillis();
        answer.then().statusCode(200).body("status.phase", equalTo("running")).header(WaitingReads.TIMED_OUT, nullValue());
        assertTrue(millis < 1000, "answered " + millis + " ms after the change");
    }

    @Test
    void aFailureAnswersAtOnceWithTheFailureInTheBody() throws Exception {
        String t = TestApi.createTenant();
        stopped(t, "fragile");
        Instances.awaitPhase(t, "fragile", "stopped");
        CompletableFuture<Response> waiting = waitingFor(t, "fragile", "running");
        anotherReplicaWrites(t, "fragile", "failed");
        waiting.get(30, TimeUnit.SECONDS).then().statusCode(200).body("status.phase", equalTo("failed"))
                .header(WaitingReads.TIMED_OUT, nullValue());
    }

    @Test
    void aStartAwaitedIsAnsweredRunning() throws Exception {
        String t = TestApi.createTenant();
        stopped(t, "starter");
        Instances.awaitPhase(t, "starter", "stopped");
        CompletableFuture<Response> waiting = waitingFor(t, "starter", "running");
        admin().post(url(t, "starter") + "/start").then().statusCode(202);
        waiting.get(60, TimeUnit.SECONDS).then().statusCode(200).body("status.phase", equalTo("running"))
                .header(WaitingReads.TIMED_OUT, nullValue());
    }

    @Test
    void aWaitThatTimesOutAnswersTheCurrentStateAndSaysSo() {
        String t = TestApi.createTenant();
        stopped(t, "idle");
        Instances.awaitPhase(t, "idle", "stopped");
        long start = System.nanoTime();
        admin().queryParam("wait_for", "running").queryParam("timeout", "1s").get(url(t, "idle")).then().statusCode(200)
                .body("status.phase", equalTo("stopped")).header(WaitingReads.TIMED_OUT, equalTo("true"));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(millis >= 1000 && millis < 3000, millis + " ms");
        admin().queryParam("wait_for", "stopped").get(url(t, "idle")).then().statusCode(200)
                .header(WaitingReads.TIMED_OUT, nullValue());
    }

    @Test
    void waitingForDeletedAnswers404OnceItIsGone() {
        String t = TestApi.createTenant();
        Instances.create(t, "doomed");
        Instances.awaitPhase(t, "doomed", "running");
        admin().delete(url(t, "doomed")).then().statusCode(202);
        admin().queryParam("wait_for", "deleted").queryParam("timeout", "60s").get(url(t, "doomed")).then().statusCode(404)
                .body("code", equalTo("not_found"));
    }

    @Test
    void badWaitParametersAnswer400NamingThem() {
        String t = TestApi.createTenant();
        stopped(t, "x");
        for (String[] bad : new String[][] { { "wait_for", "runing" }, { "timeout", "0s" }, { "timeout", "601s" },
                { "timeout", "2m" } }) {
            admin().queryParam("wait_for", bad[0].equals("wait_for") ? bad[1] : "running").queryParam(bad[0], bad[1])
                    .get(url(t, "x")).then().statusCode(400).body("errors.field", hasItem(bad[0]));
        }
        assertEquals(404, admin().queryParam("wait_for", "running").get(url(t, "nope")).statusCode());
    }
}
