package io.nuage.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.nuage.api.TestApi;
import io.quarkus.test.junit.QuarkusTest;

/** Health and readiness need no token; metrics need the operator's, as they name every tenant's resources. */
@QuarkusTest
class OperationsTest {

    @Test
    void liveness() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessChecksTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"));
    }

    @Test
    void prometheusMetricsIncludeHttpRequests() {
        TestApi.admin().get("/v1/tenants").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("unauthenticated"));
        given().header("Authorization", "Bearer " + TestApi.token(TestApi.createTenant(), "member")).get("/q/metrics").then()
                .statusCode(401);
        given().header("Authorization", "Bearer " + TestApi.ADMIN_TOKEN).get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("uri=\"/v1/tenants\""));
    }
}
