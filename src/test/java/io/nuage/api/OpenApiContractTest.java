package io.nuage.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The OpenAPI document served at /q/openapi is the contract; openapi/openapi.yaml is its
 * committed copy, and openapi/openapi-3.0.yaml the copy of its 3.0.3 rendering served at
 * /openapi-3.0.yaml. This test fails when a copy differs from what is served. After an
 * intended API change, refresh both with:
 * ./mvnw test -Dtest=OpenApiContractTest -Dopenapi.update=true
 */
@QuarkusTest
class OpenApiContractTest {

    private static final String UPDATE = "if the API change is intended, run "
            + "./mvnw test -Dtest=OpenApiContractTest -Dopenapi.update=true and commit openapi/";

    @Test
    void servedContractMatchesTheCommittedCopy() throws IOException {
        matchesCommittedCopy(served31(), "openapi.yaml", "/q/openapi");
    }

    @Test
    void servedThreeZeroRenderingMatchesTheCommittedCopy() throws IOException {
        String served = given().get("/openapi-3.0.yaml").then().statusCode(200)
                .contentType("application/yaml").extract().asString();
        matchesCommittedCopy(served, "openapi-3.0.yaml", "/openapi-3.0.yaml");
    }

    @Test
    void theThreeZeroRenderingIsNotInTheContract() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.keySet()", not(hasItem("/openapi-3.0.yaml")));
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    private static String served31() {
        return given().queryParam("format", "yaml").get("/q/openapi").then()
                .statusCode(200).extract().asString();
    }

    private static void matchesCommittedCopy(String served, String file, String url) throws IOException {
        Path committed = Path.of("openapi", file);
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(committed, served);
        }
        String copy = Files.readString(committed);
        if (!copy.equals(served)) {
            // for `diff openapi/<file> target/served-<file>`
            Files.writeString(Path.of("target", "served-" + file), served);
        }
        assertEquals(copy, served, "openapi/" + file + " differs from " + url + ": " + UPDATE);
    }
}
