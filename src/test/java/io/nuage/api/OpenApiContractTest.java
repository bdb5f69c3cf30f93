package io.nuage.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The OpenAPI document served at /q/openapi is the contract; openapi/openapi.yaml is its
 * committed copy. This test fails when they differ. After an intended API change, refresh
 * the copy with: ./mvnw test -Dtest=OpenApiContractTest -Dopenapi.update=true
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Path COMMITTED = Path.of("openapi/openapi.yaml");

    @Test
    void servedContractMatchesTheCommittedCopy() throws IOException {
        String served = given().queryParam("format", "yaml").get("/q/openapi").then()
                .statusCode(200).extract().asString();
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(COMMITTED, served);
        }
        String committed = Files.readString(COMMITTED);
        if (!committed.equals(served)) {
            Files.writeString(Path.of("target/openapi-served.yaml"), served); // for `diff openapi/openapi.yaml target/openapi-served.yaml`
        }
        assertEquals(committed, served,
                "openapi/openapi.yaml differs from /q/openapi: if the API change is intended, run "
                        + "./mvnw test -Dtest=OpenApiContractTest -Dopenapi.update=true and commit the file");
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
