package io.nuage.api;

import static io.nuage.api.TestApi.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.nuage.compute.Instances;
import io.nuage.support.Await;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The events of a tenant: pages for pollers, Server-Sent Events for the others, resumable by position. */
@QuarkusTest
class EventsTest {

    @TestHTTPResource("/")
    URI root;

    private static JsonPath page(String tenant, long since) {
        return admin().queryParam("since", since).get("/v1/tenants/" + tenant + "/events").then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
    }

    @Test
    void pagesShowEveryChangeInOrderAndResumeFromAPosition() {
        String t = TestApi.createTenant();
        assertEquals(List.of(), page(t, 0).getList("items"));
        Instances.create(t, "web");
        Instances.awaitPhase(t, "web", "running");
        Await.until(Duration.ofSeconds(10), "running observed", () -> page(t, 0).getList("items.phase").contains("running"));

        JsonPath all = page(t, 0);
        List<String> causes = all.getList("items.cause");
        assertEquals("created", causes.get(0));
        assertEquals("pending", all.getString("items[0].phase"));
        assertEquals("instance", all.getString("items[0].kind"));
        assertTrue(causes.contains("observed"), causes.toString());
        long first = all.getLong("items[0].id");

        admin().post("/v1/tenants/" + t + "/instances/web/stop").then().statusCode(202);
        long last = all.getLong("next_since");
        Await.until(Duration.ofSeconds(10), "the stop seen", () -> page(t, last).getList("items.cause").contains("changed"));
        JsonPath later = page(t, last);
        assertTrue(later.getLong("items[0].id") > last);
        assertFalse(later.getList("items.id").contains(first));

        admin().queryParam("since", "x").get("/v1/tenants/" + t + "/events").then().statusCode(400)
                .body("errors.field", hasItem("since"));
        TestApi.as(TestApi.token(TestApi.createTenant(), "viewer")).get("/v1/tenants/" + t + "/events").then().statusCode(404);
    }

    @Test
    void aStreamSendsEachChangeAndResumesAfterLastEventId() throws Exception {
        String t = TestApi.createTenant();
        HttpClient http = HttpClient.newHttpClient();
        List<String[]> received = new ArrayList<>(); // id, event name
        try (var lines = stream(http, t, null)) {
            admin().body(Map.of("name", "net", "cidr", "10.30.0.0/24")).post("/v1/tenants/" + t + "/networks").then().statusCode(201);
            received.addAll(events(lines, 2));
        }
        assertEquals("created", received.get(0)[1]);
        String firstId = received.get(0)[0];
        try (var lines = stream(http, t, firstId)) {
            assertEquals(received.get(1)[0], events(lines, 1).get(0)[0], "resumed right after the Last-Event-ID");
        }
        admin().get("/v1/tenants/" + t + "/events").then().statusCode(200).contentType("application/json")
                .body("items[0].cause", equalTo("created"));
    }

    /** The next {@code n} events of a stream, as {id, event name}; a stream that stays silent fails the test, not the build. */
    private static List<String[]> events(BufferedReader lines, int n) {
        return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            List<String[]> events = new ArrayList<>();
            String id = null;
            for (String line; events.size() < n && (line = lines.readLine()) != null;) {
                if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    events.add(new String[] { id, line.substring(6).trim() });
                }
            }
            return events;
        }, "the stream sent no event for 30 s");
    }

    private BufferedReader stream(HttpClient http, String tenant, String lastEventId) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(root.resolve("/v1/tenants/" + tenant + "/events"))
                .header("Authorization", "Bearer " + TestApi.ADMIN_TOKEN).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            r.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<java.io.InputStream> response = http.send(r.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }
}
