package io.nuage.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.nuage.api.TestApi;
import io.nuage.support.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Events are numbered once committed, read by number, kept for their retention, then swept. */
@QuarkusTest
class EventStoreTest {

    @Inject
    EventStore events;
    @Inject
    Pool pool;

    @Test
    void eventsOlderThanTheRetentionAreSwept() {
        String t = TestApi.createTenant();
        TestApi.admin().body(java.util.Map.of("name", "n", "cidr", "10.40.0.0/24")).post("/v1/tenants/" + t + "/networks")
                .then().statusCode(201);
        // Settled: no event of this tenant comes after the ones made old below.
        TestApi.admin().queryParam("wait_for", "ready").queryParam("timeout", "30s").get("/v1/tenants/" + t + "/networks/n")
                .then().statusCode(200).header("Nuage-Wait-Timed-Out", org.hamcrest.Matchers.nullValue());
        UUID tenant = UUID.fromString(TestApi.admin().get("/v1/tenants/" + t).then().extract().path("id"));
        pool.preparedQuery("UPDATE events SET at = at - interval '100 days' WHERE tenant_id = $1").execute(Tuple.of(tenant))
                .await().atMost(Duration.ofSeconds(10));
        Await.until(Duration.ofSeconds(10), "the event numbered", () -> events.after(tenant, 0, 10).await().atMost(Duration.ofSeconds(10)).size() >= 1);
        assertTrue(events.sweep(Instant.now().minus(Duration.ofDays(3))) >= 1);
        assertEquals(0, events.after(tenant, 0, 10).await().atMost(Duration.ofSeconds(10)).size());
    }

    /**
     * A change whose transaction commits after a later change was read is still read after it: it is numbered when it
     * commits. (Numbered when written, it stood behind the reader's position, and was never seen.)
     */
    @Test
    void aChangeCommittedLateIsNotPassedBy() throws Exception {
        String t = TestApi.createTenant();
        for (String n : new String[] { "a", "b" }) {
            TestApi.admin().body(java.util.Map.of("name", n, "cidr", "10.4" + (n.equals("a") ? 1 : 2) + ".0.0/24"))
                    .post("/v1/tenants/" + t + "/networks").then().statusCode(201);
        }
        UUID tenant = UUID.fromString(TestApi.admin().get("/v1/tenants/" + t).then().extract().path("id"));
        Await.until(Duration.ofSeconds(10), "both creates read", () -> events.after(tenant, 0, 100).await().indefinitely().size() >= 2);
        long read = events.latest(tenant).await().indefinitely();

        SqlConnection late = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        try {
            late.query("BEGIN").execute().await().indefinitely();
            late.preparedQuery("UPDATE networks SET generation = generation + 1 WHERE tenant_id = $1 AND name = 'a'")
                    .execute(Tuple.of(tenant)).await().indefinitely();
            // A later change commits at once, and a reader reads it (and, before, would have waited out its margin).
            TestApi.admin().body(java.util.Map.of("labels", java.util.Map.of("x", "y"))).patch("/v1/tenants/" + t + "/networks/b")
                    .then().statusCode(200);
            Await.until(Duration.ofSeconds(10), "the later change read", () -> events.after(tenant, read, 100).await().indefinitely()
                    .stream().anyMatch(e -> e.name().equals("b") && e.cause().equals("changed")));
            long past = events.after(tenant, read, 100).await().indefinitely().stream().mapToLong(EventStore.Event::id).max().orElseThrow();
            late.query("COMMIT").execute().await().indefinitely();
            Await.until(Duration.ofSeconds(10), "the late change read after the reader's position",
                    () -> events.after(tenant, past, 100).await().indefinitely().stream()
                            .anyMatch(e -> e.name().equals("a") && e.cause().equals("changed")));
        } finally {
            late.close().await().indefinitely();
        }
    }
}
