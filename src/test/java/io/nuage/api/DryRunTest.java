package io.nuage.api;

import static io.nuage.api.TestApi.admin;
import static io.nuage.api.TestApi.createTenant;
import static io.nuage.api.TestApi.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.nuage.compute.Instances;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** {@code ?dry_run=true} on every write: the answer a real request would get, and nothing changed. */
@QuarkusTest
class DryRunTest {

    /**
     * What a write of the tenant could change, reconciler-proof: rows, generations, deletions, counters, events, work
     * and kept keys. A status the reconciler writes is left out, so a settled tenant reads the same twice.
     */
    private static final String FINGERPRINT = """
            SELECT concat_ws('|',
              (SELECT concat_ws(',', generation, used_vcpus, used_memory_mib, used_storage_gib, used_instances, used_volumes,
                                used_networks, used_tokens, deleted_at) FROM tenants WHERE id = t.id),
              (SELECT concat_ws(',', count(*), sum(generation), count(deleted_at)) FROM instances WHERE tenant_id = t.id),
              (SELECT concat_ws(',', count(*), sum(generation), count(deleted_at)) FROM networks WHERE tenant_id = t.id),
              (SELECT concat_ws(',', count(*), sum(generation), count(deleted_at)) FROM volumes WHERE tenant_id = t.id),
              (SELECT concat_ws(',', count(*), sum(generation), count(deleted_at)) FROM snapshots WHERE tenant_id = t.id),
              (SELECT concat_ws(',', count(*), count(revoked_at)) FROM api_tokens WHERE tenant_id = t.id),
              (SELECT concat_ws(',', count(*), sum(generation), count(deleted_at)) FROM images WHERE tenant_id = t.id OR tenant_id IS NULL),
              (SELECT concat_ws(',', count(*), sum(generation), count(deleted_at)) FROM volume_exports WHERE tenant_id = t.id),
              (SELECT count(*) FROM network_addresses a JOIN networks n ON n.id = a.network_id WHERE n.tenant_id = t.id),
              (SELECT count(*) FROM volume_attachments a JOIN volumes v ON v.id = a.volume_id WHERE v.tenant_id = t.id),
              (SELECT count(*) FROM events WHERE tenant_id = t.id),
              (SELECT count(*) FROM idempotency_keys),
              (SELECT count(*) FROM maintenance_windows WHERE cancelled_at IS NULL))
            FROM tenants t WHERE t.name = $1""";

    @Inject
    Pool pool;

    private String fingerprint(String tenant) {
        return pool.preparedQuery(FINGERPRINT).execute(Tuple.of(tenant)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString(0);
    }

    /** A tenant with one of everything, settled: the reconciler has nothing left to do. */
    private static String settledTenant() {
        String t = createTenant();
        String base = "/v1/tenants/" + t;
        admin().body(Map.of("name", "net", "cidr", "10.9.0.0/24")).post(base + "/networks").then().statusCode(201);
        admin().body(Map.of("name", "spare", "cidr", "10.10.0.0/24")).post(base + "/networks").then().statusCode(201);
        admin().body(Map.of("name", "data", "size_gib", 1)).post(base + "/volumes").then().statusCode(201);
        Map<String, Object> vm = Instances.body("vm", 1, 512);
        vm.put("networks", List.of(Map.of("network", "net")));
        admin().body(vm).post(base + "/instances").then().statusCode(201);
        admin().body(Map.of("name", "snap", "instance", "vm")).post(base + "/snapshots").then().statusCode(201);
        admin().body(Map.of("name", "img", "size_gib", 1, "source", Map.of("registry", Instances.IMAGE))).post(base + "/images").then()
                .statusCode(201);
        Instances.awaitPhase(t, "vm", "running");
        for (String path : List.of("/networks/net", "/networks/spare", "/volumes/data", "/snapshots/snap", "/images/img")) {
            admin().queryParam("wait_for", "ready").queryParam("timeout", "30s").get(base + path).then().statusCode(200)
                    .header("Nuage-Wait-Timed-Out", nullValue());
        }
        return t;
    }

    private static ValidatableResponse dry(ValidatableResponse answer) {
        return answer.header(DryRun.HEADER, "true").header("Location", nullValue());
    }

    @Test
    void everyWriteAnswersWhatWouldBeAndChangesNothing() {
        String t = settledTenant();
        String base = "/v1/tenants/" + t;
        String before = fingerprint(t);

        Map<String, Object> vm = Instances.body("vm2", 1, 512);
        vm.put("networks", List.of(Map.of("network", "net")));
        vm.put("volumes", List.of("data2"));
        dry(admin().queryParam("dry_run", "true").body(Map.of("name", "data2", "size_gib", 2)).post(base + "/volumes").then()
                .statusCode(200)).body("name", equalTo("data2")).body("status.phase", equalTo("pending"));
        dry(admin().queryParam("dry_run", "true").body(Map.of("name", "net2", "cidr", "10.8.0.0/24")).post(base + "/networks")
                .then().statusCode(200)).body("name", equalTo("net2"));
        dry(admin().queryParam("dry_run", "true").body(Instances.body("vm2", 1, 512)).post(base + "/instances").then().statusCode(200))
                .body("name", equalTo("vm2")).body("status.phase", equalTo("pending"));
        dry(admin().queryParam("dry_run", "true").body(Map.of("name", "snap2", "instance", "vm")).post(base + "/snapshots").then()
                .statusCode(200)).body("name", equalTo("snap2"));
        dry(admin().queryParam("dry_run", "true").body(Map.of("name", "ci", "role", "member")).post(base + "/tokens").then()
                .statusCode(200)).body("name", equalTo("ci")).body("token", nullValue());
        Map<String, Object> image = Map.of("name", "img2", "source", Map.of("registry", Instances.IMAGE));
        dry(admin().queryParam("dry_run", "true").body(image).post(base + "/images").then().statusCode(200))
                .body("name", equalTo("img2")).body("status.phase", equalTo("pending"));
        dry(admin().queryParam("dry_run", "true").body(image).post("/v1/images").then().statusCode(200)).body("name", equalTo("img2"));

        dry(admin().queryParam("dry_run", "true").body(Map.of("vcpus", 2)).patch(base + "/instances/vm").then().statusCode(200))
                .body("vcpus", equalTo(2));
        dry(admin().queryParam("dry_run", "true").body(Map.of("labels", Map.of("a", "b"))).patch(base + "/networks/net").then()
                .statusCode(200)).body("labels.a", equalTo("b"));
        dry(admin().queryParam("dry_run", "true").body(Map.of("size_gib", 3)).patch(base + "/volumes/data").then().statusCode(200))
                .body("size_gib", equalTo(3));
        dry(admin().queryParam("dry_run", "true").body(Map.of("display_name", "x")).patch(base).then().statusCode(200));
        dry(admin().queryParam("dry_run", "true").body(Map.of("volume", "data")).post(base + "/instances/vm/volumes").then()
                .statusCode(200)).body("volumes", notNullValue());
        dry(admin().queryParam("dry_run", "true").body(Map.of("ttl_seconds", 600)).post(base + "/volumes/data/export").then()
                .statusCode(200)).body("phase", equalTo("pending")).body("token", nullValue());
        for (String action : List.of("stop", "restart", "start")) {
            dry(admin().queryParam("dry_run", "true").post(base + "/instances/vm/" + action).then().statusCode(200));
        }
        // A restore needs the instance stopped: the dry run answers what the restore itself would.
        admin().queryParam("dry_run", "true").post(base + "/snapshots/snap/restore").then().statusCode(409)
                .body("code", equalTo("instance_running")).header(DryRun.HEADER, "true");
        for (String path : List.of("/snapshots/snap", "/instances/vm", "/volumes/data", "/networks/spare", "/images/img")) {
            dry(admin().queryParam("dry_run", "true").delete(base + path).then().statusCode(200)).body("status.phase", equalTo("deleting"));
        }
        admin().queryParam("dry_run", "true").delete(base).then().statusCode(409).body("code", equalTo("tenant_not_empty"));
        String empty = createTenant();
        String emptyBefore = fingerprint(empty);
        // An empty tenant goes at once: 204, no body, whether it is a dry run or not.
        dry(admin().queryParam("dry_run", "true").delete("/v1/tenants/" + empty).then().statusCode(204));
        assertEquals(emptyBefore, fingerprint(empty), "a dry run deleted a tenant");
        Instant start = Instant.now().plus(Duration.ofDays(3));
        dry(admin().queryParam("dry_run", "true").body(Map.of("tenant", t, "starts_at", start.toString(), "ends_at",
                start.plus(Duration.ofHours(1)).toString(), "reason", "dry")).post("/v1/maintenance-windows").then().statusCode(200));

        assertEquals(before, fingerprint(t), "a dry run changed the database");
        admin().get(base + "/volumes/data2").then().statusCode(404);
        admin().get(base + "/instances/vm").then().statusCode(200).body("vcpus", equalTo(1)).body("status.phase", equalTo("running"));
    }

    @Test
    void aDryRunRefusesWhatTheWriteWouldRefuse() {
        String t = createTenant();
        String base = "/v1/tenants/" + t;
        Instances.create(t, "one");
        admin().queryParam("dry_run", "true").body(Instances.body("one", 1, 512)).post(base + "/instances").then()
                .statusCode(409).body("code", equalTo("already_exists")).header(DryRun.HEADER, "true");
        admin().body(Map.of("quota", Map.of("instances", 1))).patch(base).then().statusCode(200);
        admin().queryParam("dry_run", "true").body(Instances.body("two", 1, 512)).post(base + "/instances").then()
                .statusCode(422).body("code", equalTo("quota_exceeded"));
        admin().queryParam("dry_run", "true").header("If-Match", "\"0\"").body(Map.of("vcpus", 2)).patch(base + "/instances/one")
                .then().statusCode(412).body("code", equalTo("precondition_failed"));
        admin().queryParam("dry_run", "yes").body(Instances.body("two", 1, 512)).post(base + "/instances").then()
                .statusCode(400).body("errors[0].field", equalTo("dry_run"));
    }

    @Test
    void aDryRunKeepsNoIdempotencyKeyAndCreatesNothing() {
        String t = createTenant();
        String path = "/v1/tenants/" + t + "/networks";
        String key = unique("key");
        Map<String, Object> body = Map.of("name", "n", "cidr", "10.1.0.0/24");
        admin().header(Idempotency.HEADER, key).queryParam("dry_run", "true").body(body).post(path).then().statusCode(200)
                .header(Idempotency.REPLAYED, nullValue());
        admin().get(path + "/n").then().statusCode(404);
        // The same key then serves the real request: the dry run did not take it.
        admin().header(Idempotency.HEADER, key).body(body).post(path).then().statusCode(201);
        admin().get(path + "/n").then().statusCode(200);
        admin().queryParam("dry_run", "false").body(Map.of("name", "m", "cidr", "10.2.0.0/24")).post(path).then().statusCode(201)
                .header(DryRun.HEADER, nullValue());
    }
}
