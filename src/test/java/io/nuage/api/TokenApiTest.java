package io.nuage.api;

import static io.nuage.api.TestApi.admin;
import static io.nuage.api.TestApi.as;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TokenApiTest {

    @Test
    void createdTokenIsShownOnceAndWorks() {
        String tenant = TestApi.createTenant();
        String token = admin().body(Map.of("name", "ci-bot", "role", "member"))
                .post("/v1/tenants/" + tenant + "/tokens").then()
                .statusCode(201)
                .header("Location", endsWith("/v1/tenants/" + tenant + "/tokens/ci-bot"))
                .body("name", equalTo("ci-bot"))
                .body("role", equalTo("member"))
                .body("expires_at", nullValue())
                // 256-bit secret in base64url after the public id.
                .body("token", matchesPattern("nuage_[0-9a-f]{32}_[A-Za-z0-9_-]{43}"))
                .extract().path("token");

        as(token).get("/v1/tenants/" + tenant).then().statusCode(200).body("name", equalTo(tenant));

        // Listing and reading never show the secret again.
        admin().get("/v1/tenants/" + tenant + "/tokens").then().statusCode(200)
                .body("items.name", hasItem("ci-bot"))
                .body("items[0]", not(org.hamcrest.Matchers.hasKey("token")));
        admin().get("/v1/tenants/" + tenant + "/tokens/ci-bot").then().statusCode(200)
                .body("role", equalTo("member"))
                .body("$", not(org.hamcrest.Matchers.hasKey("token")));
    }

    @Test
    void revokedTokenStopsWorkingAtOnce() {
        String tenant = TestApi.createTenant();
        String token = admin().body(Map.of("name", "short", "role", "viewer"))
                .post("/v1/tenants/" + tenant + "/tokens").then().statusCode(201).extract().path("token");
        as(token).get("/v1/tenants/" + tenant).then().statusCode(200);

        admin().delete("/v1/tenants/" + tenant + "/tokens/short").then().statusCode(204);

        as(token).get("/v1/tenants/" + tenant).then().statusCode(401).body("code", equalTo("unauthenticated"));
        admin().get("/v1/tenants/" + tenant + "/tokens/short").then().statusCode(404);
        admin().delete("/v1/tenants/" + tenant + "/tokens/short").then().statusCode(404);
        // The name is free again, twice over: revoked tokens do not hold it.
        admin().body(Map.of("name", "short", "role", "viewer")).post("/v1/tenants/" + tenant + "/tokens").then().statusCode(201);
        admin().delete("/v1/tenants/" + tenant + "/tokens/short").then().statusCode(204);
        admin().body(Map.of("name", "short", "role", "viewer")).post("/v1/tenants/" + tenant + "/tokens").then().statusCode(201);
    }

    @Test
    void tokenWithExpiryInThePastIsRejected() {
        String tenant = TestApi.createTenant();
        admin().body(Map.of("name", "old", "role", "viewer", "expires_at", "2001-01-01T00:00:00Z"))
                .post("/v1/tenants/" + tenant + "/tokens").then()
                .statusCode(400).body("errors[0].field", equalTo("expires_at"));
    }

    @Test
    void tokenWithFutureExpiryWorksAndShowsIt() {
        String tenant = TestApi.createTenant();
        String expiry = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        String token = admin().body(Map.of("name", "day", "role", "viewer", "expires_at", expiry))
                .post("/v1/tenants/" + tenant + "/tokens").then()
                .statusCode(201).body("expires_at", equalTo(expiry)).extract().path("token");
        as(token).get("/v1/tenants/" + tenant).then().statusCode(200);
    }

    @Test
    void invalidRoleAndNameAreRejected() {
        String tenant = TestApi.createTenant();
        admin().body(Map.of("name", "x", "role", "admin")).post("/v1/tenants/" + tenant + "/tokens").then()
                .statusCode(400).body("errors[0].field", equalTo("role"));
        admin().body(Map.of("name", "Bad Name", "role", "viewer")).post("/v1/tenants/" + tenant + "/tokens").then()
                .statusCode(400).body("errors[0].field", equalTo("name"));
        admin().body(Map.of("role", "viewer")).post("/v1/tenants/" + tenant + "/tokens").then()
                .statusCode(400).body("errors[0].field", equalTo("name"));
    }

    @Test
    void duplicateTokenNameIsConflict() {
        String tenant = TestApi.createTenant();
        admin().body(Map.of("name", "dup", "role", "viewer")).post("/v1/tenants/" + tenant + "/tokens").then().statusCode(201);
        admin().body(Map.of("name", "dup", "role", "viewer")).post("/v1/tenants/" + tenant + "/tokens").then()
                .statusCode(409).body("code", equalTo("already_exists"));
    }

    @Test
    void tokensOfUnknownTenantAreNotFound() {
        admin().get("/v1/tenants/nobody/tokens").then().statusCode(404);
    }
}
