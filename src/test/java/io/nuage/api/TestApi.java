package io.nuage.api;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Helpers for API tests: authenticated requests and fresh tenants. */
public final class TestApi {

    public static final String ADMIN_TOKEN = "test-admin-token-not-a-secret-0123456789";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestApi() {
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    public static RequestSpecification admin() {
        return as(ADMIN_TOKEN);
    }

    /** A name no other test uses, so tests share one database without interfering. */
    public static String unique(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() % 1000 + "-" + COUNTER.incrementAndGet();
    }

    public static String createTenant() {
        String name = unique("t");
        admin().body(Map.of("name", name)).post("/v1/tenants").then().statusCode(201);
        return name;
    }

    /** Creates a token with that role in the tenant and returns its secret. */
    public static String token(String tenant, String role) {
        return admin().body(Map.of("name", unique(role), "role", role))
                .post("/v1/tenants/" + tenant + "/tokens")
                .then().statusCode(201).extract().path("token");
    }
}
