package io.nuage.api;

import static io.nuage.api.TestApi.admin;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class ProbeTest {
    @Test
    void probe() {
        String t = TestApi.createTenant();
        String key = TestApi.unique("k");
        Response first = admin().header("Idempotency-Key", key).body(Map.of("name", "n", "cidr", "10.7.0.0/24")).post("/v1/tenants/" + t + "/networks");
        Response again = admin().header("Idempotency-Key", key).body(Map.of("name", "n", "cidr", "10.7.0.0/24")).post("/v1/tenants/" + t + "/networks");
        Response plain = admin().body(Map.of("name", "m", "cidr", "10.8.0.0/24")).post("/v1/tenants/" + t + "/networks");
        System.out.println("PROBE first " + first.statusCode() + " etag=" + first.header("ETag") + " replay " + again.statusCode() + " etag=" + again.header("ETag") + " replayed=" + again.header("Idempotent-Replayed") + " plain etag=" + plain.header("ETag"));
    }
}
