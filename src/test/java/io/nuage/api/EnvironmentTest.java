package io.nuage.api;

import static io.nuage.api.TestApi.admin;
import static io.nuage.api.TestApi.createTenant;
import static io.nuage.api.TestApi.unique;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.nuage.compute.Instances;
import io.nuage.support.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** CI environments: members created together, ready together, named apart, changed by PATCH, gone together. */
@QuarkusTest
class EnvironmentTest {

    @Inject
    Pool pool;

    private static String path(String tenant) {
        return "/v1/tenants/" + tenant + "/environments";
    }

    private static Map<String, Object> vm(String name, String network, String volume) {
        Map<String, Object> vm = Instances.body(name, 1, 512);
        vm.put("networks", List.of(Map.of("network", network)));
        if (volume != null) {
            vm.put("volumes", List.of(volume));
        }
        return vm;
    }

    /** One network, one volume and one instance on both: a pipeline's usual environment. */
    private static Map<String, Object> document(String name, String ttl) {
        Map<String, Object> doc = new HashMap<>();
        doc.put("name", name);
        doc.put("ttl", ttl);
        doc.put("networks", List.of(Map.of("name", "net", "cidr", "10.20.0.0/24")));
        doc.put("volumes", List.of(Map.of("name", "data", "size_gib", 1)));
        doc.put("instances", List.of(vm("web", "net", "data")));
        return doc;
    }

    private static JsonPath awaitReady(String tenant, String name) {
        return admin().queryParam("wait_for", "ready").queryParam("timeout", "60s").get(path(tenant) + "/" + name).then()
                .statusCode(200).header(WaitingReads.TIMED_OUT, nullValue()).body("status.phase", equalTo("ready"))
                .extract().jsonPath();
    }

    private static void awaitGone(String tenant, String env, Duration within) {
        Await.until(within, env + " and its members gone", () -> admin().get(path(tenant) + "/" + env).statusCode() == 404
                && admin().queryParam("label_selector", "nuage.io/environment=" + env).get("/v1/tenants/" + tenant + "/instances")
                        .jsonPath().getList("items").isEmpty()
                && admin().queryParam("label_selector", "nuage.io/environment=" + env).get("/v1/tenants/" + tenant + "/volumes")
                        .jsonPath().getList("items").isEmpty()
                && admin().queryParam("label_selector", "nuage.io/environment=" + env).get("/v1/tenants/" + tenant + "/networks")
                        .jsonPath().getList("items").isEmpty());
    }

    @Test
    void membersAreCreatedNamedApartLabelledAndReadyTogether() {
        String t = createTenant();
        String key = unique("key");
        admin().header(Idempotency.HEADER, key).body(document("ci-1", "2h")).post(path(t)).then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith(path(t) + "/ci-1")).body("status.phase", equalTo("provisioning")).body("ttl", equalTo("2h"))
                .body("status.members.name", containsInAnyOrder("ci-1-net", "ci-1-data", "ci-1-web"));
        // A retry of the pipeline's create gets the same answer and creates nothing more.
        admin().header(Idempotency.HEADER, key).body(document("ci-1", "2h")).post(path(t)).then().statusCode(201)
                .header(Idempotency.REPLAYED, "true");
        // A second pipeline with the same member names does not collide.
        admin().body(document("ci-2", "2h")).post(path(t)).then().statusCode(409).body("code", equalTo("cidr_overlap"))
                .body("member", equalTo("networks/net"));
        Map<String, Object> other = document("ci-2", "2h");
        other.put("networks", List.of(Map.of("name", "net", "cidr", "10.21.0.0/24")));
        admin().body(other).post(path(t)).then().statusCode(201);

        JsonPath ready = awaitReady(t, "ci-1");
        assertEquals("running", ready.getString("status.members.find { it.member == 'web' }.phase"));
        admin().get("/v1/tenants/" + t + "/instances/ci-1-web").then().statusCode(200)
                .body("labels['nuage.io/environment']", equalTo("ci-1")).body("networks[0].network", equalTo("ci-1-net"))
                .body("status.phase", equalTo("running"));
        admin().queryParam("label_selector", "nuage.io/environment=ci-2").get("/v1/tenants/" + t + "/instances").then()
                .body("items.name", equalTo(List.of("ci-2-web")));
        admin().queryParam("label_selector", "nuage.io/environment").get(path(t)).then().statusCode(200)
                .body("items.name", equalTo(List.of()));
        admin().get(path(t)).then().body("items.name", equalTo(List.of("ci-1", "ci-2")));
    }

    @Test
    void aMemberRefusedCreatesNothingAndIsNamed() {
        String t = createTenant();
        admin().body(Map.of("quota", Map.of("instances", 1))).patch("/v1/tenants/" + t).then().statusCode(200);
        Map<String, Object> doc = document("ci", "1h");
        doc.put("instances", List.of(vm("a", "net", null), vm("b", "net", null)));
        admin().body(doc).post(path(t)).then().statusCode(422).body("code", equalTo("quota_exceeded"))
                .body("member", equalTo("instances/b"));
        admin().get(path(t) + "/ci").then().statusCode(404);
        admin().get("/v1/tenants/" + t + "/networks/ci-net").then().statusCode(404);
        admin().get("/v1/tenants/" + t + "/instances/ci-a").then().statusCode(404);

        doc.put("instances", List.of(vm("a", "nowhere", "data")));
        admin().body(doc).post(path(t)).then().statusCode(400).body("errors.field", hasItem("instances[0].networks[0].network"));
        doc.put("instances", List.of(Map.of("name", "a", "vcpus", 0, "memory_mib", 512, "image", Instances.IMAGE)));
        admin().body(doc).post(path(t)).then().statusCode(400).body("errors.field", equalTo(List.of("instances[0].vcpus")));
        for (String ttl : List.of("2 hours", "0h", "30s", "8d")) {
            admin().body(document("ci", ttl)).post(path(t)).then().statusCode(400).body("errors[0].field", equalTo("ttl"));
        }
        Map<String, Object> longNames = document("a-rather-long-environment-name", "1h");
        longNames.put("networks", List.of(Map.of("name", "a-network-name-that-is-too-long", "cidr", "10.20.0.0/24")));
        admin().body(longNames).post(path(t)).then().statusCode(400).body("errors.field", hasItem("networks[0].name"));

        admin().queryParam("dry_run", "true").body(document("ci", "1h")).post(path(t)).then().statusCode(200)
                .header(DryRun.HEADER, "true").body("status.members.name", hasItem("ci-web"));
        admin().get(path(t) + "/ci").then().statusCode(404);
        admin().get("/v1/tenants/" + t + "/volumes/ci-data").then().statusCode(404);
    }

    @Test
    void patchAppliesTheDifference() {
        String t = createTenant();
        Map<String, Object> doc = document("ci", "1h");
        doc.put("instances", List.of(vm("web", "net", "data"), vm("worker", "net", null)));
        admin().body(doc).post(path(t)).then().statusCode(201);
        awaitReady(t, "ci");
        Map<String, Object> web = vm("web", "net", "data");
        web.put("vcpus", 2);
        admin().body(Map.of("instances", List.of(web, vm("extra", "net", null)))).patch(path(t) + "/ci")
                .then().statusCode(200).body("generation", equalTo(2)).body("instances.name", equalTo(List.of("web", "extra")));
        admin().get("/v1/tenants/" + t + "/instances/ci-web").then().body("vcpus", equalTo(2));
        admin().get("/v1/tenants/" + t + "/instances/ci-extra").then().statusCode(200);
        // The instance dropped is deleted by the sweep.
        Await.until(Duration.ofSeconds(60), "ci-worker deleted", () -> admin().get("/v1/tenants/" + t + "/instances/ci-worker").statusCode() == 404);
        awaitReady(t, "ci");

        admin().body(Map.of("networks", List.of(Map.of("name", "net", "cidr", "10.30.0.0/24")))).patch(path(t) + "/ci").then()
                .statusCode(422).body("code", equalTo("immutable_field")).body("member", equalTo("networks/net"));
        admin().body(Map.of("instances", List.of(vm("web", "other", null)))).patch(path(t) + "/ci").then()
                .statusCode(400).body("errors.field", hasItem("instances[0].networks[0].network"));
        String etag = admin().get(path(t) + "/ci").then().extract().header("ETag");
        admin().header("If-Match", "\"stale\"").body(Map.of("labels", Map.of("a", "b"))).patch(path(t) + "/ci").then().statusCode(412);
        admin().header("If-Match", etag).body(Map.of("labels", Map.of("a", "b"))).patch(path(t) + "/ci").then().statusCode(200)
                .body("labels.a", equalTo("b"));
    }

    @Test
    void extendMovesTheExpiryAndDeleteTakesEveryMember() {
        String t = createTenant();
        admin().body(document("ci", "1h")).post(path(t)).then().statusCode(201);
        Instant before = Instant.now();
        String extended = admin().body(Map.of("ttl", "3h")).post(path(t) + "/ci/extend").then().statusCode(200)
                .body("ttl", equalTo("3h")).extract().path("expires_at");
        assertTrue(Instant.parse(extended).isAfter(before.plus(Duration.ofMinutes(179))), extended);
        admin().post(path(t) + "/ci/extend").then().statusCode(200).body("ttl", equalTo("3h"));

        admin().delete(path(t) + "/ci").then().statusCode(202).body("status.phase", equalTo("deleting"));
        admin().post(path(t) + "/ci/extend").then().statusCode(409).body("code", equalTo("environment_deleting"));
        admin().queryParam("wait_for", "deleted").queryParam("timeout", "60s").get(path(t) + "/ci").then().statusCode(404);
        awaitGone(t, "ci", Duration.ofSeconds(5));
    }

    /** Membership is by id: a label anyone may set never makes a resource the environment's to delete. */
    @Test
    void aResourceLabelledLikeAMemberIsNotTheEnvironments() {
        String t = createTenant();
        admin().body(Map.of("name", "mine", "size_gib", 1, "labels", Map.of("nuage.io/environment", "ci"))).post("/v1/tenants/" + t + "/volumes")
                .then().statusCode(201);
        admin().body(document("ci", "1h")).post(path(t)).then().statusCode(201)
                .body("status.members.name", containsInAnyOrder("ci-net", "ci-data", "ci-web"));
        admin().delete(path(t) + "/ci").then().statusCode(202);
        admin().queryParam("wait_for", "deleted").queryParam("timeout", "60s").get(path(t) + "/ci").then().statusCode(404);
        admin().get("/v1/tenants/" + t + "/volumes/mine").then().statusCode(200).body("status.phase", equalTo("ready"));
    }

    /** A document sent again as it is changes no member; a new user data changes its instance. */
    @Test
    void theSameDocumentAgainChangesNothing() {
        String t = createTenant();
        Map<String, Object> doc = document("ci", "1h");
        Map<String, Object> web = vm("web", "net", "data");
        web.put("user_data", "#cloud-config\nhostname: web\n");
        doc.put("instances", List.of(web));
        admin().body(doc).post(path(t)).then().statusCode(201).body("instances[0].user_data", nullValue());
        JsonPath before = admin().get("/v1/tenants/" + t + "/instances/ci-web").then().extract().jsonPath();
        Map<String, Object> again = new HashMap<>(doc);
        again.remove("name");
        again.remove("ttl");
        admin().body(again).patch(path(t) + "/ci").then().statusCode(200);
        admin().get("/v1/tenants/" + t + "/instances/ci-web").then().body("generation", equalTo(before.getInt("generation")));

        web.put("user_data", "#cloud-config\nhostname: web-2\n");
        admin().body(Map.of("instances", List.of(web))).patch(path(t) + "/ci").then().statusCode(200);
        admin().get("/v1/tenants/" + t + "/instances/ci-web").then().body("generation", equalTo(before.getInt("generation") + 1))
                .body("user_data_sha256", org.hamcrest.Matchers.not(equalTo(before.getString("user_data_sha256"))));
        // Sent without user data, the instance keeps its own.
        web.remove("user_data");
        admin().body(Map.of("instances", List.of(web))).patch(path(t) + "/ci").then().statusCode(200);
        admin().get("/v1/tenants/" + t + "/instances/ci-web").then().body("generation", equalTo(before.getInt("generation") + 1));
    }

    @Test
    void badListsAndFiltersAnswer400() {
        String t = createTenant();
        Map<String, Object> doc = document("ci", "1h");
        doc.put("instances", java.util.Arrays.asList((Object) null));
        admin().body(doc).post(path(t)).then().statusCode(400).body("errors.field", hasItem("instances[0]"));
        doc.put("instances", List.of(Map.of()));
        admin().body(doc).post(path(t)).then().statusCode(400).body("errors.field", hasItem("instances[0].name"));
        admin().queryParam("phase", "ready").get(path(t)).then().statusCode(400).body("errors[0].field", equalTo("phase"));
    }

    /** An environment whose time to live ended is gone, members and all, within one resync period (60 s). */
    @Test
    void anExpiredEnvironmentIsGoneWithItsMembers() {
        String t = createTenant();
        admin().body(document("ci", "1h")).post(path(t)).then().statusCode(201);
        awaitReady(t, "ci");
        pool.preparedQuery("UPDATE environments SET expires_at = now() - interval '1 second' WHERE name = 'ci'"
                + " AND tenant_id = (SELECT id FROM tenants WHERE name = $1)").execute(Tuple.of(t)).await().indefinitely();
        admin().get(path(t) + "/ci").then().body("status.phase", equalTo("deleting"));
        awaitGone(t, "ci", Duration.ofSeconds(60));
    }

    @Test
    void aFailedMemberFailsTheEnvironmentAndIsNamed() {
        String t = createTenant();
        Map<String, Object> doc = document("ci", "1h");
        doc.put("volumes", List.of(Map.of("name", "data", "size_gib", 1, "source", Map.of("image_url", "https://images.invalid/x.img"))));
        doc.put("instances", List.of(vm("web", "net", null)));
        admin().body(doc).post(path(t)).then().statusCode(201);
        admin().queryParam("wait_for", "ready").queryParam("timeout", "60s").get(path(t) + "/ci").then().statusCode(200)
                .body("status.phase", equalTo("failed")).body("status.failed_member", equalTo("volumes/data"));
    }
}
