package io.nuage.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.nuage.api.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Events are kept for their retention, then swept. */
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
        UUID tenant = UUID.fromString(TestApi.admin().get("/v1/tenants/" + t).then().extract().path("id"));
        pool.preparedQuery("UPDATE events SET at = at - interval '100 days' WHERE tenant_id = $1").execute(Tuple.of(tenant))
                .await().atMost(Duration.ofSeconds(10));
        assertTrue(events.after(tenant, 0, 10).await().atMost(Duration.ofSeconds(10)).size() >= 1);
        assertTrue(events.sweep(Instant.now().minus(Duration.ofDays(3))) >= 1);
        assertEquals(0, events.after(tenant, 0, 10).await().atMost(Duration.ofSeconds(10)).size());
    }
}
