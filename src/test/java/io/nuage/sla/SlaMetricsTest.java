package io.nuage.sla;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.nuage.api.TestApi;
import io.nuage.storage.Volumes;
import io.nuage.support.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * Prometheus sees a resource that is up within one refresh of a start, not minutes later: the gauges are first
 * refreshed 5 seconds after start, then every 30 seconds.
 */
@QuarkusTest
@TestProfile(SlaMetricsTest.JustStarted.class)
class SlaMetricsTest {

    /** An application of its own, started just before this class runs: what the test measures from. */
    public static class JustStarted implements QuarkusTestProfile {
    }

    @Test
    void aResourceUpShowsInTheGaugeSoonAfterStart() {
        String tenant = TestApi.createTenant();
        Volumes.create(tenant, "gauged", 1);
        Volumes.awaitPhase(tenant, "gauged", "ready");
        // The refresh 5 s after start, or the one 30 s later if the volume was not up yet; never the 5 minutes it was.
        Await.until(Duration.ofSeconds(45), "nuage_resource_up of the volume", () -> RestAssured.given()
                .header("Authorization", "Bearer " + TestApi.ADMIN_TOKEN).get("/q/metrics").then().statusCode(200)
                .extract().asString().lines().anyMatch(l -> l.startsWith("nuage_resource_up{") && l.contains("name=\"gauged\"")
                        && l.contains("tenant=\"" + tenant + "\"") && l.endsWith(" 1.0")));
    }
}
