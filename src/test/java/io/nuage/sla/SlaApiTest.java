package io.nuage.sla;

import static io.nuage.api.TestApi.admin;
import static io.nuage.api.TestApi.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nuage.api.TestApi;
import io.nuage.compute.Instances;
import io.nuage.platform.NuageConfig;
import io.nuage.reconciler.Cluster;
import io.nuage.support.Await;
import io.nuage.tenancy.TenantStore;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The ledger fed by what the reconciler observes, and the SLA endpoints as tenants and the operator use them. */
@QuarkusTest
class SlaApiTest {

    @Inject
    Ledger ledger;
    @Inject
    Pool pool;
    @Inject
    MaintenanceWindows windows;
    @Inject
    Cluster cluster;
    @Inject
    SlaMetrics metrics;
    @Inject
    TenantStore tenants;
    @Inject
    NuageConfig config;

    /** Waits until the instance's recorded history satisfies {@code done}; a timeout shows the history. */
    private void awaitHistory(UUID id, String what, java.util.function.Predicate<List<String>> done) {
        try {
            Await.until(Duration.ofSeconds(20), what, () -> done.test(categories(id)));
        } catch (AssertionError e) {
            throw new AssertionError("history " + categories(id) + ": " + e.getMessage(), e);
        }
    }

    private List<String> categories(UUID id) {
        ledger.flush(Duration.ofSeconds(10));
        List<String> out = new ArrayList<>();
        for (Row r : pool.preparedQuery("SELECT category FROM ledger_transitions WHERE resource_id = $1 ORDER BY at")
                .execute(Tuple.of(id)).await().indefinitely()) {
            out.add(r.getString("category"));
        }
        return out;
    }

    /** Creates an instance, waits until it runs and the ledger has recorded it up; returns its id. */
    private UUID runningAndRecordedUp(String tenant, String name) {
        Instances.create(tenant, name);
        Instances.awaitPhase(tenant, name, "running");
        UUID id = id(tenant, "instances", name);
        Await.until(Duration.ofSeconds(10), "up recorded", () -> categories(id).contains("up"));
        return id;
    }

    private static UUID id(String tenant, String kind, String name) {
        return UUID.fromString(admin().get("/v1/tenants/" + tenant + "/" + kind + "/" + name).then().statusCode(200)
                .extract().path("id"));
    }

    @Test
    void theLedgerFollowsWhatTheReconcilerObserves() {
        String t = TestApi.createTenant();
        UUID id = runningAndRecordedUp(t, "web");
        assertEquals("provisioning", categories(id).get(0), "the history starts at creation");

        admin().post("/v1/tenants/" + t + "/instances/web/stop").then().statusCode(202);
        Instances.awaitPhase(t, "web", "stopped");
        Await.until(Duration.ofSeconds(10), "stopped recorded", () -> categories(id).get(categories(id).size() - 1).equals("stopped"));

        admin().post("/v1/tenants/" + t + "/instances/web/start").then().statusCode(202);
        Instances.awaitPhase(t, "web", "running");
        admin().post("/v1/tenants/" + t + "/instances/web/restart").then().statusCode(202);
        awaitHistory(id, "the restart recorded, then up a third time",
                c -> c.get(c.size() - 1).equals("up") && c.stream().filter("up"::equals).count() == 3);
        assertTrue(!categories(id).contains("down"), "a stop, a start and a restart asked for by the tenant are not downtime: " + categories(id));

        cluster.simulated().crash("nuage-" + t, "web", Duration.ofSeconds(2));
        awaitHistory(id, "the crash recorded as down, then up again", c -> c.contains("down") && c.get(c.size() - 1).equals("up"));

        // A 2-second crash is on record, but shorter than the 1-minute minimum outage: no incident, no downtime.
        admin().get("/v1/tenants/" + t + "/instances/web/availability").then().statusCode(200)
                .body("kind", equalTo("instance")).body("name", equalTo("web")).body("id", equalTo(id.toString()))
                .body("incidents", org.hamcrest.Matchers.empty()).body("downtime_minutes", equalTo(0.0f))
                .body("availability_percent", equalTo(100.0f));

        admin().delete("/v1/tenants/" + t + "/instances/web").then().statusCode(202);
        Await.until(Duration.ofSeconds(20), "deleted recorded last", () -> {
            List<String> c = categories(id);
            return c.get(c.size() - 1).equals("deleted");
        });
    }

    @Test
    void volumesAndNetworksHaveHistoriesAndReportsToo() {
        String t = TestApi.createTenant();
        admin().body(Map.of("name", "data", "size_gib", 1)).post("/v1/tenants/" + t + "/volumes").then().statusCode(201);
        admin().body(Map.of("name", "lan", "cidr", "10.9.0.0/24")).post("/v1/tenants/" + t + "/networks").then().statusCode(201);
        UUID volume = id(t, "volumes", "data");
        UUID network = id(t, "networks", "lan");
        Await.until(Duration.ofSeconds(20), "both up", () -> categories(volume).contains("up") && categories(network).contains("up"));
        admin().get("/v1/tenants/" + t + "/volumes/data/availability").then().statusCode(200).body("kind", equalTo("volume"));
        admin().get("/v1/tenants/" + t + "/networks/lan/availability").then().statusCode(200).body("kind", equalTo("network"));
        admin().get("/v1/tenants/" + t + "/volumes/nope/availability").then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void reportsAreForTheTenantsOwnTokensOnly() {
        String t = TestApi.createTenant();
        String other = TestApi.createTenant();
        String viewer = TestApi.token(t, "viewer");
        as(viewer).get("/v1/tenants/" + t + "/availability").then().statusCode(200).body("tenant", equalTo(t));
        as(viewer).get("/v1/tenants/" + t + "/usage").then().statusCode(200);
        as(viewer).get("/v1/tenants/" + other + "/availability").then().statusCode(404);
        as(viewer).get("/v1/tenants/" + other + "/usage").then().statusCode(404);
        RestAssured.given().get("/v1/tenants/" + t + "/availability").then().statusCode(401);
    }

    @Test
    void badPeriodsAreRefusedPrecisely() {
        String t = TestApi.createTenant();
        String base = "/v1/tenants/" + t;
        admin().queryParam("month", "2026-13").get(base + "/availability").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("month"));
        admin().queryParam("month", "2999-01").get(base + "/availability").then().statusCode(400)
                .body("errors[0].message", equalTo("must not be in the future"));
        admin().queryParam("from", "yesterday").get(base + "/usage").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        admin().queryParam("from", "2026-10-02T00:00:00Z").queryParam("to", "2026-10-01T00:00:00Z").get(base + "/usage")
                .then().statusCode(400).body("errors[0].message", equalTo("must be after from"));
        admin().queryParam("from", "2024-01-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z").get(base + "/usage")
                .then().statusCode(400).body("errors[0].message", equalTo("a report covers at most 366 days"));
    }

    @Test
    void maintenanceWindowsAreAnnouncedInAdvanceAndSeenByTheTenantsTheyCover() {
        String t = TestApi.createTenant();
        String other = TestApi.createTenant();
        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String id = admin().body(Map.of("tenant", t, "starts_at", start.toString(), "ends_at", start.plusSeconds(3600).toString(),
                "reason", "Hypervisor upgrade")).post("/v1/maintenance-windows").then().statusCode(201)
                .header("Location", containsString("/v1/maintenance-windows/")).body("tenant", equalTo(t))
                .body("starts_at", equalTo(start.toString())).extract().path("id");

        as(TestApi.token(t, "viewer")).get("/v1/maintenance-windows").then().statusCode(200).body("id", hasItem(id));
        as(TestApi.token(t, "viewer")).get("/v1/maintenance-windows/" + id).then().statusCode(200).body("reason", equalTo("Hypervisor upgrade"));
        String otherToken = TestApi.token(other, "member");
        as(otherToken).get("/v1/maintenance-windows").then().statusCode(200).body("id", not(hasItem(id)));
        as(otherToken).get("/v1/maintenance-windows/" + id).then().statusCode(404);
        as(otherToken).body(Map.of("starts_at", start.toString(), "ends_at", start.plusSeconds(60).toString(), "reason", "x"))
                .post("/v1/maintenance-windows").then().statusCode(403);

        admin().delete("/v1/maintenance-windows/" + id).then().statusCode(204);
        admin().get("/v1/maintenance-windows/" + id).then().statusCode(404);
        admin().delete("/v1/maintenance-windows/" + id).then().statusCode(404);
    }

    @Test
    void aWindowTooSoonTooLongOrMalformedIsRefused() {
        Instant soon = Instant.now().plus(Duration.ofHours(1));
        admin().body(Map.of("starts_at", soon.toString(), "ends_at", soon.plusSeconds(600).toString(), "reason", "urgent"))
                .post("/v1/maintenance-windows").then().statusCode(422).body("code", equalTo("maintenance_notice_too_short"))
                .body("notice", equalTo("PT24H"));
        Instant later = Instant.now().plus(Duration.ofDays(3));
        admin().body(Map.of("starts_at", later.toString(), "ends_at", later.plus(Duration.ofDays(8)).toString(), "reason", "long"))
                .post("/v1/maintenance-windows").then().statusCode(400).body("errors[0].field", equalTo("ends_at"));
        admin().body(Map.of("starts_at", later.toString(), "ends_at", later.minusSeconds(1).toString(), "reason", "backwards"))
                .post("/v1/maintenance-windows").then().statusCode(400).body("errors[0].message", equalTo("must be after starts_at"));
        admin().body(Map.of("region", "mars-1", "starts_at", later.toString(), "ends_at", later.plusSeconds(60).toString(), "reason", "r"))
                .post("/v1/maintenance-windows").then().statusCode(400).body("errors[0].field", equalTo("region"));
        admin().body(Map.of("tenant", "nobody-here", "starts_at", later.toString(), "ends_at", later.plusSeconds(60).toString(), "reason", "r"))
                .post("/v1/maintenance-windows").then().statusCode(422).body("code", equalTo("tenant_not_found"));
        admin().body(Map.of("starts_at", "tomorrow", "ends_at", later.toString(), "reason", "r"))
                .post("/v1/maintenance-windows").then().statusCode(400);
        admin().get("/v1/maintenance-windows/not-a-uuid").then().statusCode(404);
    }

    @Test
    void aWindowThatStartedCannotBeCancelled() {
        Instant now = Instant.now();
        UUID tenant = tenants.find(TestApi.createTenant()).await().indefinitely().id(); // scoped: other tests' downtime stays downtime
        MaintenanceWindow started = windows.create(null, tenant, now.minusSeconds(60), now.plusSeconds(3600),
                "Under way", now.minus(Duration.ofDays(2))).await().indefinitely();
        admin().delete("/v1/maintenance-windows/" + started.id()).then().statusCode(409).body("code", equalTo("window_started"));
        admin().queryParam("past", true).get("/v1/maintenance-windows").then().statusCode(200).body("id", hasItem(started.id().toString()));
    }

    @Test
    void prometheusShowsEachResourceUpTheTenantsMonthToDateAndReconcilePasses() {
        String t = TestApi.createTenant();
        UUID id = runningAndRecordedUp(t, "metered");
        metrics.refresh();
        String scrape = RestAssured.given().header("Authorization", "Bearer " + TestApi.ADMIN_TOKEN).get("/q/metrics").then()
                .statusCode(200).extract().asString();
        assertTrue(scrape.lines().anyMatch(l -> l.startsWith("nuage_resource_up{") && l.contains("name=\"metered\"")
                && l.contains("tenant=\"" + t + "\"") && l.contains("kind=\"instance\"") && l.endsWith(" 1.0")), scrape);
        assertTrue(scrape.lines().anyMatch(l -> l.startsWith("nuage_tenant_availability_percent{") && l.contains("tenant=\"" + t + "\"")),
                scrape);
        // The reconciler counts its passes per kind: the instance above took at least one.
        assertTrue(scrape.lines().anyMatch(l -> l.startsWith("nuage_reconcile_passes_total{") && l.contains("kind=\"instance\"")
                && Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) >= 1), scrape);
    }

    @Test
    void aTimeNoReplicaObservedIsRecordedAsUnknown() {
        String t = TestApi.createTenant();
        UUID id = runningAndRecordedUp(t, "watched");

        // A replica starting an hour after every heartbeat: nobody observed that hour.
        Ledger late = new Ledger(pool, Clock.offset(Clock.systemUTC(), Duration.ofHours(1)), config,
                new SimpleMeterRegistry());
        late.start();
        try {
            late.flush(Duration.ofSeconds(10));
            Await.until(Duration.ofSeconds(10), "unknown recorded", () -> categories(id).contains("unknown"));
        } finally {
            late.stop();
        }
        List<String> c = categories(id);
        assertTrue(c.lastIndexOf("unknown") > c.indexOf("up"), "the unknown time follows what was seen before: " + c);
    }
}
