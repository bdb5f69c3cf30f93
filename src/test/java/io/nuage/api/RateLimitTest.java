package io.nuage.api;

import static io.nuage.api.TestApi.admin;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A tenant token over its rate answers 429 with when to retry; another token, and the operator, are not held back. */
@QuarkusTest
@TestProfile(RateLimitTest.Tight.class)
class RateLimitTest {

    public static class Tight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("nuage.api.rate-limit.per-second", "0.5", "nuage.api.rate-limit.burst", "3");
        }
    }

    @Test
    void aTokenOverItsRateIsAnswered429WithRetryAfter() {
        String t = TestApi.createTenant();
        String token = TestApi.token(t, "viewer");
        String other = TestApi.token(t, "viewer");
        for (int i = 0; i < 3; i++) {
            TestApi.as(token).get("/v1/tenants/" + t).then().statusCode(200);
        }
        TestApi.as(token).get("/v1/tenants/" + t).then().statusCode(429)
                .contentType("application/problem+json").body("code", equalTo("rate_limited"))
                .header("Retry-After", equalTo("2")).header("RateLimit-Limit", equalTo("3"))
                .header("RateLimit-Remaining", equalTo("0")).body("retry_after", equalTo(2));
        // A client that waits Retry-After (rounded up: an upper bound) is answered again.
        io.nuage.support.Await.until(java.time.Duration.ofSeconds(3), "answered again within Retry-After",
                () -> TestApi.as(token).get("/v1/tenants/" + t).statusCode() == 200);

        TestApi.as(other).get("/v1/tenants/" + t).then().statusCode(200);
        for (int i = 0; i < 10; i++) {
            admin().get("/v1/tenants/" + t).then().statusCode(200);
        }
    }
}
