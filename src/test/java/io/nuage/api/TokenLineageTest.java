package io.nuage.api;

import static io.nuage.api.TestApi.admin;
import static io.nuage.api.TestApi.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Tokens minted by tokens: never longer-lived, never of a higher role, and revoked with their creator. */
@QuarkusTest
class TokenLineageTest {

    private static JsonPath mint(String by, String tenant, Map<String, Object> body) {
        return as(by).body(body).post("/v1/tenants/" + tenant + "/tokens").then().statusCode(201).extract().jsonPath();
    }

    @Test
    void aTokenMintedByATokenNeverOutlivesItAndNamesIt() {
        String tenant = TestApi.createTenant();
        String day = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        JsonPath creator = admin().body(Map.of("name", "ci", "role", "member", "expires_at", day))
                .post("/v1/tenants/" + tenant + "/tokens").then().statusCode(201)
                .body("created_by", nullValue()).extract().jsonPath();
        String ci = creator.getString("token");

        JsonPath forever = mint(ci, tenant, Map.of("name", "forever", "role", "viewer"));
        String week = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        JsonPath longer = mint(ci, tenant, Map.of("name", "longer", "role", "member", "expires_at", week));
        String hour = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        JsonPath shorter = mint(ci, tenant, Map.of("name", "shorter", "role", "viewer", "expires_at", hour));

        // No expiry, or a later one, is brought back to the creator's; an earlier one is kept.
        org.junit.jupiter.api.Assertions.assertEquals(day, forever.getString("expires_at"));
        org.junit.jupiter.api.Assertions.assertEquals(day, longer.getString("expires_at"));
        org.junit.jupiter.api.Assertions.assertEquals(hour, shorter.getString("expires_at"));
        org.junit.jupiter.api.Assertions.assertEquals(creator.getString("id"), forever.getString("created_by"));
        admin().get("/v1/tenants/" + tenant + "/tokens/longer").then().statusCode(200)
                .body("expires_at", equalTo(day)).body("created_by", equalTo(creator.getString("id")));
        as(longer.getString("token")).get("/v1/tenants/" + tenant).then().statusCode(200);
    }

    @Test
    void revokingATokenRevokesWhatItMintedTransitively() {
        String tenant = TestApi.createTenant();
        String root = mint(TestApi.ADMIN_TOKEN, tenant, Map.of("name", "root", "role", "member")).getString("token");
        String child = mint(root, tenant, Map.of("name", "child", "role", "member")).getString("token");
        String grandchild = mint(child, tenant, Map.of("name", "grandchild", "role", "viewer")).getString("token");
        String sibling = mint(root, tenant, Map.of("name", "sibling", "role", "viewer")).getString("token");
        String other = mint(TestApi.ADMIN_TOKEN, tenant, Map.of("name", "other", "role", "member")).getString("token");

        // Revoking the child takes the grandchild, not its creator.
        as(root).delete("/v1/tenants/" + tenant + "/tokens/child").then().statusCode(204);
        as(child).get("/v1/tenants/" + tenant).then().statusCode(401);
        as(grandchild).get("/v1/tenants/" + tenant).then().statusCode(401);
        as(root).get("/v1/tenants/" + tenant).then().statusCode(200);

        admin().delete("/v1/tenants/" + tenant + "/tokens/root").then().statusCode(204);
        for (String revoked : new String[] { root, sibling }) {
            as(revoked).get("/v1/tenants/" + tenant).then().statusCode(401).body("code", equalTo("unauthenticated"));
        }
        as(other).get("/v1/tenants/" + tenant).then().statusCode(200);
        admin().get("/v1/tenants/" + tenant + "/tokens").then().statusCode(200).body("items.name", contains("other"));
    }

    @Test
    void aTokenCannotMintAHigherRole() {
        String tenant = TestApi.createTenant();
        String path = "/v1/tenants/" + tenant + "/tokens";
        String member = TestApi.token(tenant, "member");
        as(member).body(Map.of("name", "boss", "role", "admin")).post(path).then()
                .statusCode(403).body("code", equalTo("forbidden"));
        mint(member, tenant, Map.of("name", "peer", "role", "member"));
        mint(member, tenant, Map.of("name", "reader", "role", "viewer"));
        String viewer = TestApi.token(tenant, "viewer");
        as(viewer).body(Map.of("name", "up", "role", "member")).post(path).then().statusCode(403);
        as(viewer).body(Map.of("name", "same", "role", "viewer")).post(path).then().statusCode(403);
        // The operator is refused an admin tenant token for what it is, not for its rank.
        admin().body(Map.of("name", "boss", "role", "admin")).post(path).then()
                .statusCode(400).body("errors[0].field", equalTo("role"));
    }
}
