package io.nuage.api;

import static io.nuage.api.TestApi.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.nuage.compute.Instances;
import io.nuage.db.ListFilter;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Lists filtered by label selector, phase and creation time, in SQL, with the label index. */
@QuarkusTest
class ListFilterTest {

    @Inject
    Pool pool;

    private static void instance(String tenant, String name, Map<String, String> labels) {
        Map<String, Object> body = new java.util.HashMap<>(Instances.body(name, 1, 512));
        body.put("labels", labels);
        body.put("running", false);
        admin().body(body).post("/v1/tenants/" + tenant + "/instances").then().statusCode(201);
    }

    /** The names listed with these query parameters (name, value, name, value...), encoded by the client. */
    private static List<String> names(String tenant, String... query) {
        var request = admin();
        for (int i = 0; i < query.length; i += 2) {
            request = request.queryParam(query[i], query[i + 1]);
        }
        return request.get("/v1/tenants/" + tenant + "/instances").then().statusCode(200).extract().path("items.name");
    }

    @Test
    void aLabelSelectorKeepsWhatKubernetesWouldSelect() {
        String t = TestApi.createTenant();
        admin().body(Map.of("quota", Map.of("instances", 10, "vcpus", 10, "memory_mib", 10_000))).patch("/v1/tenants/" + t)
                .then().statusCode(200);
        instance(t, "a", Map.of("env", "ci", "team", "web"));
        instance(t, "b", Map.of("env", "ci", "team", "db"));
        instance(t, "c", Map.of("env", "prod", "legacy", "yes"));
        instance(t, "d", Map.of());

        assertEquals(List.of("a", "b"), names(t, "label_selector", "env=ci"));
        assertEquals(List.of("a", "b"), names(t, "label_selector", "env==ci"));
        assertEquals(List.of("b"), names(t, "label_selector", "env=ci,team!=web"));
        assertEquals(List.of("b", "c", "d"), names(t, "label_selector", "team!=web"), "without the key matches too");
        assertEquals(List.of("a"), names(t, "label_selector", "team in (web, x)"));
        assertEquals(List.of("c", "d"), names(t, "label_selector", "env notin (ci)"));
        assertEquals(List.of("c"), names(t, "label_selector", "legacy"));
        assertEquals(List.of("a", "b", "d"), names(t, "label_selector", "!legacy"));
        assertEquals(List.of("a"), names(t, "label_selector", "env in (ci,prod),team=web", "limit", "1"));
    }

    @Test
    void phaseAndCreationTimeFilterToo() {
        String t = TestApi.createTenant();
        Instant before = Instant.now().minusSeconds(1);
        instance(t, "stopped-one", Map.of());
        Instances.create(t, "running-one");
        Instances.awaitPhase(t, "running-one", "running");
        Instances.awaitPhase(t, "stopped-one", "stopped");

        assertEquals(List.of("running-one"), names(t, "phase", "running"));
        assertEquals(List.of("running-one", "stopped-one"), names(t, "phase", "running,stopped"));
        assertEquals(List.of("running-one", "stopped-one"), names(t, "created_after", before.toString()));
        assertEquals(List.of(), names(t, "created_before", before.toString()));
    }

    /** Tenants filter by labels and creation time; tokens and maintenance windows by creation time, and say they have no labels. */
    @Test
    void tenantsAndTokensFilterToo() {
        String tag = TestApi.unique("team");
        Instant before = Instant.now().minusSeconds(1);
        String a = TestApi.unique("ta");
        String b = TestApi.unique("tb");
        admin().body(Map.of("name", a, "labels", Map.of("team", tag))).post("/v1/tenants").then().statusCode(201);
        admin().body(Map.of("name", b, "labels", Map.of("team", tag, "legacy", "yes"))).post("/v1/tenants").then().statusCode(201);
        admin().queryParam("label_selector", "team=" + tag + ",!legacy").get("/v1/tenants").then().statusCode(200)
                .body("items.name", equalTo(List.of(a)));
        admin().queryParam("label_selector", "team=" + tag).queryParam("created_before", before.toString()).get("/v1/tenants")
                .then().statusCode(200).body("items.name", equalTo(List.of()));
        admin().queryParam("phase", "ready").get("/v1/tenants").then().statusCode(400).body("errors[0].field", equalTo("phase"));

        String old = TestApi.token(a, "viewer");
        Instant between = Instant.now();
        admin().body(Map.of("name", "fresh", "role", "viewer")).post("/v1/tenants/" + a + "/tokens").then().statusCode(201);
        admin().queryParam("created_after", between.toString()).get("/v1/tenants/" + a + "/tokens").then().statusCode(200)
                .body("items.name", equalTo(List.of("fresh")));
        admin().queryParam("label_selector", "x=y").get("/v1/tenants/" + a + "/tokens").then().statusCode(400)
                .body("errors[0].field", equalTo("label_selector"));
        TestApi.as(old).queryParam("label_selector", "team=" + tag).get("/v1/tenants").then().statusCode(200)
                .body("items.name", equalTo(List.of(a)));

        Instant start = Instant.now().plus(java.time.Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant made = Instant.now();
        String window = admin().body(Map.of("tenant", a, "starts_at", start.toString(), "ends_at", start.plusSeconds(3600).toString(),
                "reason", "filters")).post("/v1/maintenance-windows").then().statusCode(201).extract().path("id");
        admin().queryParam("created_after", made.minusSeconds(1).toString()).get("/v1/maintenance-windows").then().statusCode(200)
                .body("id", hasItem(window));
        admin().queryParam("created_before", made.minusSeconds(1).toString()).get("/v1/maintenance-windows").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.not(hasItem(window)));
        admin().queryParam("label_selector", "x").get("/v1/maintenance-windows").then().statusCode(400)
                .body("errors[0].field", equalTo("label_selector"));
    }

    @Test
    void aMalformedFilterAnswers400NamingIt() {
        String t = TestApi.createTenant();
        for (List<String> bad : List.of(List.of("label_selector", "env in ci"), List.of("label_selector", "=x"),
                List.of("label_selector", "Bad Key=x"), List.of("phase", "runnin"), List.of("created_after", "yesterday"))) {
            admin().queryParam(bad.get(0), bad.get(1)).get("/v1/tenants/" + t + "/instances").then().statusCode(400)
                    .body("code", equalTo("validation_failed")).body("errors.field", hasItem(bad.get(0)));
        }
        admin().get("/v1/tenants/" + t + "/networks?phase=running").then().statusCode(400);
        admin().get("/v1/tenants/" + t + "/networks?phase=ready").then().statusCode(200);
    }

    /**
     * With 10,000 instances in a tenant (inserted and analysed in a transaction that is rolled back, so that no pass
     * sees them), the list statement with a selector reads the label index, not every instance of the tenant.
     */
    @Test
    void aSelectorOverTenThousandInstancesIsAnsweredFromTheLabelIndex() {
        String t = TestApi.createTenant();
        instance(t, "template", Map.of("n", "template"));
        String id = admin().get("/v1/tenants/" + t + "/instances/template").then().extract().path("id");
        java.util.UUID tenantId = java.util.UUID.fromString(admin().get("/v1/tenants/" + t).then().extract().path("id"));
        List<Object> params = new ArrayList<>(List.of(tenantId, "", 101));
        // The very statement the list runs.
        String list = io.nuage.compute.InstanceStore.listStatement(new ListFilter(List.of(new ListFilter.Requirement("n",
                ListFilter.Op.EQUALS, List.of("4242"))), List.of(), null, null), params);
        List<String> plan = new ArrayList<>();
        pool.withTransaction(c -> c.preparedQuery("""
                INSERT INTO instances SELECT (jsonb_populate_record(NULL::instances, to_jsonb(i) || jsonb_build_object(
                  'id', gen_random_uuid(), 'name', 'bulk-' || g, 'labels', jsonb_build_object('n', g::text)))).*
                FROM instances i, generate_series(1, 10000) g WHERE i.id = $1""").execute(io.vertx.mutiny.sqlclient.Tuple.of(java.util.UUID.fromString(id)))
                .chain(() -> c.query("ANALYZE instances").execute())
                .chain(() -> c.preparedQuery("EXPLAIN " + list).execute(io.vertx.mutiny.sqlclient.Tuple.from(params)))
                .invoke(rows -> rows.forEach(r -> plan.add(r.getString(0))))
                .chain(() -> Uni.createFrom().failure(new RollBack())))
                .onFailure(RollBack.class).recoverWithNull().await().indefinitely();
        String text = String.join("\n", plan);
        assertTrue(text.contains("instances_labels"), text);
        assertFalse(text.contains("Seq Scan on instances"), text);
    }

    /** Ends the transaction above by rolling it back. */
    private static final class RollBack extends RuntimeException {
        RollBack() {
            super(null, null, false, false);
        }
    }


    private static void assertEquals(Object expected, Object actual) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual);
    }

    private static void assertEquals(Object expected, Object actual, String message) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual, message);
    }
}
