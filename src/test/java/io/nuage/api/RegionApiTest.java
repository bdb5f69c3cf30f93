package io.nuage.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** GET /v1/regions: the installation's regions with their country and cluster, for any valid token. */
@QuarkusTest
class RegionApiTest {

    @Test
    void everyTokenSeesTheRegionsWithCountryAndCluster() {
        String viewer = TestApi.token(TestApi.createTenant(), "viewer");
        TestApi.as(viewer).get("/v1/regions").then().statusCode(200)
                .body("items.name", contains("de-fra", "fr-par", "nl-ams"))
                .body("items.country", contains("DE", "FR", "NL"))
                .body("items.cluster", contains("local", "local", "local"))
                .body("next_page_token", nullValue());
    }

    @Test
    void regionsArePaged() {
        TestApi.admin().queryParam("limit", 2).get("/v1/regions").then().statusCode(200)
                .body("items.name", contains("de-fra", "fr-par")).body("next_page_token", equalTo("fr-par"));
        TestApi.admin().queryParam("page_token", "fr-par").get("/v1/regions").then().statusCode(200)
                .body("items.name", contains("nl-ams"));
    }

    @Test
    void withoutATokenItIs401() {
        given().get("/v1/regions").then().statusCode(401).body("code", equalTo("unauthenticated"));
    }
}
