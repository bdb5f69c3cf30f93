package io.nuage.api;

import static io.nuage.api.TestApi.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Every error class answers problem+json with a stable code, never a 500 or a stack trace. */
@QuarkusTest
class ErrorModelTest {

    @TestHTTPResource("/v1/tenants")
    URL tenants;

    private static ValidatableResponse problem(ValidatableResponse r, int status, String code) {
        return r.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("code", equalTo(code))
                .body("type", equalTo("urn:nuage:problem:" + code))
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
    }

    @Test
    void malformedJson() {
        problem(admin().body("{\"name\": ").post("/v1/tenants").then(), 400, "malformed_json");
        problem(admin().body("not json at all").post("/v1/tenants").then(), 400, "malformed_json");
    }

    @Test
    void bodyThatIsNotAnObject() {
        problem(admin().body("[1,2]").post("/v1/tenants").then(), 400, "malformed_json");
    }

    @Test
    void missingBody() {
        problem(admin().post("/v1/tenants").then(), 400, "missing_body");
    }

    /** A tenant's PATCH read its body before checking there was one: a JSON null answered 500. */
    @Test
    void aNullBodyIsAMissingOne() {
        String tenant = TestApi.createTenant();
        problem(admin().body("null").patch("/v1/tenants/" + tenant).then(), 400, "missing_body");
    }

    /** PostgreSQL's text holds no NUL character: one in a path, a query or a body answered 500; now 400, named. */
    @Test
    void aNulCharacterIsRefusedWhereverItIs() {
        String tenant = TestApi.createTenant();
        problem(admin().urlEncodingEnabled(false).get("/v1/tenants/" + tenant + "/volumes/a%00b").then(), 400, "invalid_character")
                .body("errors[0].field", equalTo("path"));
        problem(admin().urlEncodingEnabled(false).delete("/v1/tenants/%00/networks/n").then(), 400, "invalid_character")
                .body("errors[0].field", equalTo("path"));
        problem(admin().urlEncodingEnabled(false).get("/v1/tenants/" + tenant + "/networks?page_token=%00").then(), 400,
                "invalid_character").body("errors[0].field", equalTo("page_token"));
        problem(admin().body("{\"display_name\":\"a\\u0000b\"}").patch("/v1/tenants/" + tenant).then(), 400, "invalid_character")
                .body("errors[0].field", equalTo("display_name"));
        problem(admin().body("{\"name\":\"k\",\"public_key\":\"ssh-ed25519 AAAA\\u0000\"}").post("/v1/tenants/" + tenant + "/ssh-keys")
                .then(), 400, "invalid_character").body("errors[0].field", equalTo("public_key"));
    }

    @Test
    void unknownFieldIsNamed() {
        problem(admin().body("{\"name\":\"ok-name\",\"quota\":{\"cpus\":4}}").post("/v1/tenants").then(), 400, "unknown_field")
                .body("errors[0].field", equalTo("quota.cpus"));
        problem(admin().body("{\"nmae\":\"typo\"}").post("/v1/tenants").then(), 400, "unknown_field")
                .body("errors[0].field", equalTo("nmae"));
    }

    @Test
    void wrongTypesAreNamed() {
        problem(admin().body("{\"name\":\"ok-name\",\"quota\":{\"vcpus\":\"four\"}}").post("/v1/tenants").then(), 400, "invalid_type")
                .body("errors[0].field", equalTo("quota.vcpus"));
        problem(admin().body("{\"name\":[\"a\"]}").post("/v1/tenants").then(), 400, "invalid_type")
                .body("errors[0].field", equalTo("name"));
        problem(admin().body("{\"name\":\"ok-name\",\"regions\":\"fr-par\"}").post("/v1/tenants").then(), 400, "invalid_type")
                .body("errors[0].field", equalTo("regions"));
        problem(admin().body("{\"name\":\"x\",\"role\":\"viewer\",\"expires_at\":\"tomorrow\"}")
                .post("/v1/tenants/" + TestApi.createTenant() + "/tokens").then(), 400, "invalid_type")
                .body("errors[0].field", equalTo("expires_at"));
    }

    @Test
    void unsupportedMediaType() {
        problem(admin().contentType("text/plain").body("name=x").post("/v1/tenants").then(), 415, "unsupported_media_type");
    }

    @Test
    void unknownPathAndMethod() {
        problem(admin().get("/v1/no-such-thing").then(), 404, "not_found");
        problem(admin().put("/v1/tenants/x").then(), 405, "method_not_allowed");
    }

    @Test
    void bodyOverOneMebibyteIsRefused() {
        String big = "{\"name\":\"" + "a".repeat(1024 * 1024 + 1) + "\"}";
        problem(admin().body(big).post("/v1/tenants").then(), 413, "payload_too_large");
    }

    /** A body sent in chunks, without a length, is cut at 1 MiB too: only a tenant import takes more. */
    @Test
    void chunkedBodyOverOneMebibyteIsRefused() throws Exception {
        byte[] big = ("{\"name\":\"" + "a".repeat(1024 * 1024 + 1) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(tenants.toString()))
                .header("Authorization", "Bearer " + TestApi.ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        org.junit.jupiter.api.Assertions.assertEquals(413, response.statusCode(), response.body());
    }

    @Test
    void bodyJustUnderTheLimitIsRead() {
        String almost = "{\"display_name\":\"" + "a".repeat(1000 * 1000) + "\"}";
        // Read and validated (display_name too long), not refused for its size.
        problem(admin().body(almost).post("/v1/tenants").then(), 400, "validation_failed");
    }
}
