package io.nuage.api;

import static io.nuage.api.TestApi.admin;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * JSON is read as written: strings are not numbers or booleans, numbers are not strings, fractions are not integers.
 * Each refusal is a 400 naming the field and what it takes.
 */
@QuarkusTest
class StrictJsonTest {

    private static final String INSTANCE = "{\"name\":\"vm\",\"vcpus\":%s,\"memory_mib\":%s,\"image\":%s,\"running\":%s}";

    private static ValidatableResponse refused(ValidatableResponse r, String field, String message) {
        return r.statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid_type"))
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", equalTo(message));
    }

    private static ValidatableResponse post(String path, String json) {
        return admin().body(json).post(path).then();
    }

    @Test
    void instanceFieldsTakeTheirOwnTypeOnly() {
        String path = "/v1/tenants/" + TestApi.createTenant() + "/instances";
        String image = "\"quay.io/containerdisks/fedora:41\"";
        refused(post(path, INSTANCE.formatted("2.9", "512", image, "true")), "vcpus", "must be an integer");
        refused(post(path, INSTANCE.formatted("\"4\"", "512", image, "true")), "vcpus", "must be an integer");
        refused(post(path, INSTANCE.formatted("2.0", "512", image, "true")), "vcpus", "must be an integer");
        refused(post(path, INSTANCE.formatted("\"\"", "512", image, "true")), "vcpus", "must be an integer");
        refused(post(path, INSTANCE.formatted("1", "512.5", image, "true")), "memory_mib", "must be an integer");
        refused(post(path, INSTANCE.formatted("1", "512", "42", "true")), "image", "must be a string");
        refused(post(path, INSTANCE.formatted("1", "512", image, "\"true\"")), "running", "must be true or false");
        refused(post(path, INSTANCE.formatted("1", "512", image, "1")), "running", "must be true or false");
        refused(post(path, "{\"name\":\"vm\",\"vcpus\":1,\"memory_mib\":512,\"image\":" + image + ",\"ssh_keys\":[7]}"),
                "ssh_keys[0]", "must be a string");
        // Written as their types, the same fields are fine.
        post(path, INSTANCE.formatted("1", "512", image, "false")).statusCode(201);
    }

    @Test
    void tenantQuotaAndSlaTakeNumbers() {
        refused(post("/v1/tenants", "{\"name\":\"" + TestApi.unique("s") + "\",\"quota\":{\"vcpus\":\"8\"}}"), "quota.vcpus",
                "must be an integer");
        refused(post("/v1/tenants", "{\"name\":\"" + TestApi.unique("s") + "\",\"quota\":{\"memory_mib\":1024.5}}"),
                "quota.memory_mib", "must be an integer");
        refused(post("/v1/tenants", "{\"name\":\"" + TestApi.unique("s") + "\",\"sla_target\":\"99.9\"}"), "sla_target",
                "must be a number");
        refused(post("/v1/tenants", "{\"name\":7}"), "name", "must be a string");
        refused(post("/v1/tenants", "{\"name\":\"" + TestApi.unique("s") + "\",\"labels\":{\"tier\":1}}"), "labels.tier",
                "must be a string");
        // An integer is a number.
        post("/v1/tenants", "{\"name\":\"" + TestApi.unique("s") + "\",\"sla_target\":99}").statusCode(201)
                .body("sla_target", equalTo(99.0f));
    }

    @Test
    void volumeNetworkAndTokenFields() {
        String tenant = TestApi.createTenant();
        String base = "/v1/tenants/" + tenant;
        refused(post(base + "/volumes", "{\"name\":\"v\",\"size_gib\":1.5}"), "size_gib", "must be an integer");
        refused(post(base + "/volumes", "{\"name\":\"v\",\"size_gib\":\"10\"}"), "size_gib", "must be an integer");
        refused(post(base + "/volumes", "{\"name\":\"v\",\"size_gib\":1,\"source\":{\"image_url\":42}}"), "source.image_url",
                "must be a string");
        refused(post(base + "/networks", "{\"name\":\"n\",\"cidr\":\"10.0.1.0/24\",\"firewall_rules\":[{\"protocol\":\"tcp\","
                + "\"ports\":22}]}"), "firewall_rules[0].ports", "must be a string");
        refused(post(base + "/tokens", "{\"name\":\"t\",\"role\":true}"), "role", "must be a string");
        refused(post(base + "/tokens", "{\"name\":\"t\",\"role\":\"viewer\",\"expires_at\":1893456000}"), "expires_at",
                "must be an RFC 3339 time, e.g. 2026-01-01T00:00:00Z");
        // Times are read as query parameters are: with seconds, and nothing around them.
        for (String time : new String[] { "2030-01-01T00:00Z", " 2030-01-01T00:00:00Z", "2030-02-30T00:00:00Z" }) {
            refused(post(base + "/tokens", "{\"name\":\"t\",\"role\":\"viewer\",\"expires_at\":\"" + time + "\"}"), "expires_at",
                    "must be an RFC 3339 time, e.g. 2026-01-01T00:00:00Z");
        }
        refused(admin().body("{\"size_gib\":\"20\"}").patch(base + "/volumes/v").then(), "size_gib", "must be an integer");
    }

    /** The coercions issue #24 found accepted, each refused with the field it names. */
    @Test
    void theCoercionsOnceAcceptedAreRefused() {
        String tenant = TestApi.createTenant();
        String base = "/v1/tenants/" + tenant;
        refused(post(base + "/volumes", "{\"name\":true,\"size_gib\":7}"), "name", "must be a string");
        refused(post(base + "/volumes", "{\"name\":\"v\",\"size_gib\":\"7\"}"), "size_gib", "must be an integer");
        refused(post(base + "/volumes", "{\"name\":\"v\",\"size_gib\":7.9}"), "size_gib", "must be an integer");
        admin().get(base + "/volumes/true").then().statusCode(404);
        admin().get(base + "/volumes/v").then().statusCode(404);
        post(base + "/instances", INSTANCE.formatted("1", "512", "\"quay.io/containerdisks/fedora:41\"", "false")).statusCode(201);
        refused(admin().body("{\"running\":\"true\"}").patch(base + "/instances/vm").then(), "running", "must be true or false");
        admin().get(base + "/instances/vm").then().statusCode(200).body("running", equalTo(false));
    }
}
