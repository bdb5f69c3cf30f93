package io.nuage.api;

import static io.nuage.api.TestApi.admin;
import static io.nuage.api.TestApi.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Each role against each endpoint, and every cross-tenant attempt answered as 404. */
@QuarkusTest
class AuthorizationTest {

    private String tenantA;
    private String tenantB;
    private String memberA;
    private String viewerA;

    @BeforeEach
    void tenants() {
        tenantA = TestApi.createTenant();
        tenantB = TestApi.createTenant();
        memberA = TestApi.token(tenantA, "member");
        viewerA = TestApi.token(tenantA, "viewer");
        TestApi.token(tenantB, "member");
    }

    @Test
    void onlyAdminCreatesTenants() {
        for (String token : new String[] { memberA, viewerA }) {
            as(token).body(Map.of("name", TestApi.unique("x"))).post("/v1/tenants").then()
                    .statusCode(403).body("code", equalTo("forbidden"));
        }
    }

    @Test
    void tenantTokensListOnlyTheirOwnTenant() {
        for (String token : new String[] { memberA, viewerA }) {
            as(token).queryParam("limit", 500).get("/v1/tenants").then().statusCode(200)
                    .body("items", hasSize(1)).body("items[0].name", equalTo(tenantA));
        }
    }

    @Test
    void memberAndViewerReadTheirTenantButCannotManageIt() {
        for (String token : new String[] { memberA, viewerA }) {
            as(token).get("/v1/tenants/" + tenantA).then().statusCode(200);
            as(token).body(Map.of("display_name", "x")).patch("/v1/tenants/" + tenantA).then().statusCode(403);
            as(token).delete("/v1/tenants/" + tenantA).then().statusCode(403);
        }
        admin().get("/v1/tenants/" + tenantA).then().statusCode(200);
    }

    @Test
    void memberManagesTokensViewerOnlyReadsThem() {
        as(memberA).body(Map.of("name", "by-member", "role", "viewer")).post("/v1/tenants/" + tenantA + "/tokens")
                .then().statusCode(201);
        as(memberA).delete("/v1/tenants/" + tenantA + "/tokens/by-member").then().statusCode(204);

        as(viewerA).get("/v1/tenants/" + tenantA + "/tokens").then().statusCode(200);
        as(viewerA).body(Map.of("name", "by-viewer", "role", "viewer")).post("/v1/tenants/" + tenantA + "/tokens")
                .then().statusCode(403);
        String name = as(viewerA).get("/v1/tenants/" + tenantA + "/tokens").then().extract().path("items[0].name");
        as(viewerA).delete("/v1/tenants/" + tenantA + "/tokens/" + name).then().statusCode(403);
    }

    @Test
    void tokensOfTenantACannotSeeChangeOrDeleteAnythingOfTenantB() {
        for (String token : new String[] { memberA, viewerA }) {
            as(token).get("/v1/tenants/" + tenantB).then().statusCode(404).body("code", equalTo("not_found"));
            as(token).body(Map.of("display_name", "pwned")).patch("/v1/tenants/" + tenantB).then().statusCode(404);
            as(token).delete("/v1/tenants/" + tenantB).then().statusCode(404);
            as(token).get("/v1/tenants/" + tenantB + "/tokens").then().statusCode(404);
            as(token).body(Map.of("name", "intruder", "role", "member")).post("/v1/tenants/" + tenantB + "/tokens")
                    .then().statusCode(404);
            String bToken = admin().get("/v1/tenants/" + tenantB + "/tokens").then().extract().path("items[0].name");
            as(token).get("/v1/tenants/" + tenantB + "/tokens/" + bToken).then().statusCode(404);
            as(token).delete("/v1/tenants/" + tenantB + "/tokens/" + bToken).then().statusCode(404);
        }
        // Nothing of B changed.
        admin().get("/v1/tenants/" + tenantB).then().statusCode(200).body("display_name", equalTo(null));
        admin().get("/v1/tenants/" + tenantB + "/tokens").then().body("items", hasSize(1));
    }

    @Test
    void answersForAnotherTenantAndForANonexistentOneAreIdentical() {
        String other = as(viewerA).get("/v1/tenants/" + tenantB).then().statusCode(404).extract().path("detail");
        String missing = as(viewerA).get("/v1/tenants/does-not-exist").then().statusCode(404).extract().path("detail");
        org.junit.jupiter.api.Assertions.assertEquals(missing.replace("does-not-exist", tenantB), other);
    }

    @Test
    void missingOrInvalidTokenIsUnauthenticated() {
        io.restassured.RestAssured.given().get("/v1/tenants").then()
                .statusCode(401).header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json").body("code", equalTo("unauthenticated"));
        as("nuage_00000000000000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .get("/v1/tenants").then().statusCode(401);
        as("garbage").get("/v1/tenants").then().statusCode(401);
        io.restassured.RestAssured.given().header("Authorization", "Basic dXNlcjpwYXNz").get("/v1/tenants").then()
                .statusCode(401);
        // A real token id with a wrong secret is refused like any other bad token.
        String tampered = memberA.substring(0, memberA.length() - 4) + "AAAA";
        as(tampered).get("/v1/tenants/" + tenantA).then().statusCode(401);
    }
}
