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

import org.junit.jupiter.api.Test;

import io.nuage.compute.Instances;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** A GET that waits for a phase answers as soon as it is reached, or at its timeout, without polling by the client. */
@QuarkusTest
class WaitTest {

    private static String url(String tenant, String name) {
        return "/v1/tenants/" + tenant + "/instances/" + name;
    }

    private static void stopped(String tenant, String name) {
        Map<String, Object> body = new HashMap<>(Instances.body(name, 1, 512));
        body.put("running", false);
        admin().body(body).post("/v1/tenants/" + tenant + "/instances").then().statusCode(201);
    }

    @Test
    void aWaitAnswersWithinASecondOfThePhaseChange() throws Exception {
        String t = TestApi.createTenant();
        stopped(t, "sleeper");
        Instances.awaitPhase(t, "sleeper", "stopped");

        CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(() -> admin()
                .queryParam("wait_for", "running").queryParam("timeout", "60s").get(url(t, "sleeper")));
        admin().post(url(t, "sleeper") + "/start").then().statusCode(202);
        long seen = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if ("running".equals(Instances.get(t, "sleeper").getString("status.phase"))) {
                seen = System.nanoTime();
                break;
            }
            Thread.sleep(20);
        }
        Response answer = waiting.get();
        long answered = System.nanoTime();
        answer.then().statusCode(200).body("status.phase", equalTo("running")).header(WaitingReads.TIMED_OUT, nullValue());
        assertTrue(seen > 0, "running within 30 s");
        assertTrue(Duration.ofNanos(answered - seen).toMillis() < 1000,
                "answered " + Duration.ofNanos(answered - seen).toMillis() + " ms after the phase was readable");
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
