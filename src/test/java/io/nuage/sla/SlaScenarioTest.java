package io.nuage.sla;

import static io.nuage.api.TestApi.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.nuage.api.TestApi;
import io.nuage.db.Sql;
import io.nuage.sla.Observation.Sizes;
import io.nuage.tenancy.Tenant;
import io.nuage.tenancy.TenantStore;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Scenarios with their times given, in September 2026 (30 days, long past): observations go
 * through the ledger's writer, reports are read through the API as a tenant would.
 */
@QuarkusTest
class SlaScenarioTest {

    private static final Instant SEPT = Instant.parse("2026-09-01T00:00:00Z");
    private static final Instant OCT = Instant.parse("2026-10-01T00:00:00Z");
    private static final Sizes VM = new Sizes(2, 4096, 0);

    @Inject
    Ledger ledger;
    @Inject
    TenantStore tenants;
    @Inject
    MaintenanceWindows windows;
    @Inject
    Pool pool;
    @Inject
    SlaReports reports;

    private Tenant tenant() {
        return tenants.find(TestApi.createTenant()).await().indefinitely();
    }

    private static Instant at(String dayTime) {
        return Instant.parse("2026-09-" + dayTime + "Z");
    }

    private static Observation obs(Tenant t, UUID id, String name, Instant at, Category c) {
        return obs(t, id, name, Observation.Kind.INSTANCE, at, c, false, VM);
    }

    private static Observation obs(Tenant t, UUID id, String name, Observation.Kind kind, Instant at, Category c, boolean tenantAction,
            Sizes sizes) {
        return new Observation(id, t.id(), kind, name, "fr-par", SEPT, at, c, "observed " + c.wire(), tenantAction, sizes);
    }

    /** A resource's report for a scripted id (a real instance would be observed by the reconciler at the real time). */
    private ResourceAvailability report(Tenant t, UUID id, String name, Instant from, Instant to) {
        return reports.resource(t.id(), "instance", id, name, from, to, Instant.now()).await().indefinitely();
    }

    @Test
    void anInstanceDown43MinutesInA30DayMonthIs99Point9005Percent() {
        Tenant t = tenant();
        UUID id = UUID.randomUUID();
        ledger.write(List.of(obs(t, id, "web", SEPT, Category.UP), obs(t, id, "web", at("10T10:00:00"), Category.DOWN),
                obs(t, id, "web", at("10T10:43:00"), Category.UP)));

        JsonPath month = admin().queryParam("month", "2026-09").get("/v1/tenants/" + t.name() + "/availability")
                .then().statusCode(200).body("resources", hasSize(1)).extract().jsonPath();
        assertEquals(99.9005, month.getDouble("availability_percent"));
        assertEquals(99.9005, month.getDouble("sla_availability_percent"));
        assertEquals(43.0, month.getDouble("downtime_minutes"));
        assertEquals(43200.0, month.getDouble("measured_minutes"));
        assertEquals(99.9005, month.getDouble("resources[0].availability_percent"));
        assertEquals("2026-09-01T00:00:00Z", month.getString("from"));
        assertEquals("2026-10-01T00:00:00Z", month.getString("to"));
    }

    @Test
    void theResourceReportListsTheIncidentAndTheSameFigures() {
        Tenant t = tenant();
        UUID id = UUID.randomUUID();
        ledger.write(List.of(obs(t, id, "api", SEPT, Category.UP), obs(t, id, "api", at("10T10:00:00"), Category.PROVISIONING),
                obs(t, id, "api", at("10T10:43:00"), Category.UP)));

        ResourceAvailability r = report(t, id, "api", SEPT, OCT);
        assertEquals(99.9005, r.availabilityPercent());
        assertEquals(43.0, r.downtimeMinutes());
        assertEquals(1, r.incidents().size());
        assertEquals("down", r.incidents().get(0).category());
        assertEquals("2026-09-10T10:00:00Z", r.incidents().get(0).startsAt().toString());
        assertEquals("2026-09-10T10:43:00Z", r.incidents().get(0).endsAt().toString());
        assertEquals("observed provisioning", r.incidents().get(0).reason());

        ResourceAvailability day = report(t, id, "api", at("10T10:30:00"), at("10T11:30:00"));
        assertEquals(13.0, day.downtimeMinutes(), "clipped to the period asked for");
        assertEquals(47.0, day.uptimeMinutes());
    }

    @Test
    void maintenanceCountsInOneFigureAndNotTheOther() {
        Tenant t = tenant();
        windows.create(null, t.id(), at("15T02:00:00"), at("15T04:00:00"), "Hypervisor kernel upgrade", SEPT.minus(Duration.ofDays(3)))
                .await().indefinitely();
        UUID id = UUID.randomUUID();
        ledger.write(List.of(obs(t, id, "db", SEPT, Category.UP), obs(t, id, "db", at("15T02:30:00"), Category.DOWN),
                obs(t, id, "db", at("15T03:30:00"), Category.UP)));

        ResourceAvailability r = report(t, id, "db", SEPT, OCT);
        assertEquals(60.0, r.maintenanceMinutes());
        assertEquals(0.0, r.downtimeMinutes());
        assertEquals(99.8611, r.availabilityPercent(), "maintenance included: (43200 - 60) / 43200");
        assertEquals(100.0, r.slaAvailabilityPercent(), "announced maintenance excluded");
        assertEquals("maintenance", r.incidents().get(0).category());
        assertEquals("Hypervisor kernel upgrade", r.incidents().get(0).reason());

        admin().queryParam("month", "2026-09").get("/v1/tenants/" + t.name() + "/availability").then().statusCode(200)
                .body("sla_target", equalTo(99.9f)).body("breach_basis", equalTo("availability"))
                .body("breached", equalTo(true)).body("service_credit_percent", equalTo(10.0f));
    }

    @Test
    void anOutageAcrossTheWindowStartIsDowntimeThenMaintenance() {
        Tenant t = tenant();
        windows.create("fr-par", null, at("20T02:00:00"), at("20T03:00:00"), "Storage firmware", SEPT).await().indefinitely();
        UUID id = UUID.randomUUID();
        ledger.write(List.of(obs(t, id, "cache", SEPT, Category.UP), obs(t, id, "cache", at("20T01:50:00"), Category.DOWN)));
        ledger.write(List.of(obs(t, id, "cache", at("20T02:20:00"), Category.UP)));

        ResourceAvailability r = report(t, id, "cache", SEPT, OCT);
        assertEquals(10.0, r.downtimeMinutes());
        assertEquals(20.0, r.maintenanceMinutes());
    }

    @Test
    void aStopByTheTenantIsNotDowntime() {
        Tenant t = tenant();
        UUID id = UUID.randomUUID();
        ledger.write(List.of(obs(t, id, "batch", SEPT, Category.UP), obs(t, id, "batch", at("05T00:00:00"), Category.STOPPED),
                obs(t, id, "batch", at("06T00:00:00"), Category.PROVISIONING), obs(t, id, "batch", at("06T00:05:00"), Category.UP)));

        ResourceAvailability r = report(t, id, "batch", SEPT, OCT);
        assertEquals(100.0, r.availabilityPercent());
        assertEquals(0.0, r.downtimeMinutes());
        assertEquals(1440.0, r.stoppedMinutes());
        assertEquals(5.0, r.provisioningMinutes());
        assertEquals(43200.0 - 1445.0, r.measuredMinutes(), "stopped and provisioning time are not measured");
    }

    @Test
    void anOutageShorterThanAMinuteCountsAsUp() {
        Tenant t = tenant();
        UUID id = UUID.randomUUID();
        ledger.write(List.of(obs(t, id, "blip", SEPT, Category.UP), obs(t, id, "blip", at("02T00:00:00"), Category.DOWN),
                obs(t, id, "blip", at("02T00:00:59"), Category.UP)));
        ResourceAvailability r = report(t, id, "blip", SEPT, OCT);
        assertEquals(100.0, r.availabilityPercent());
        assertEquals(List.of(), r.incidents());
    }

    @Test
    void overlappingAndOutOfOrderObservationsNeverMakeOverlappingIntervals() {
        Tenant t = tenant();
        UUID id = UUID.randomUUID();
        Instant base = at("03T00:00:00");
        ledger.write(List.of(obs(t, id, "x", base.plusSeconds(600), Category.UP), obs(t, id, "x", base.plusSeconds(300), Category.DOWN),
                obs(t, id, "x", base.plusSeconds(1200), Category.STOPPED), obs(t, id, "x", base.plusSeconds(900), Category.UP),
                obs(t, id, "x", base.plusSeconds(1200), Category.DOWN)));
        // Another replica's view, older than what is recorded: stale, dropped.
        ledger.write(List.of(obs(t, id, "x", base.plusSeconds(60), Category.DOWN), obs(t, id, "x", base.plusSeconds(1100), Category.UP)));

        List<Instant> times = new ArrayList<>();
        for (Row r : pool.preparedQuery("SELECT at FROM ledger_transitions WHERE resource_id = $1 ORDER BY at").execute(Tuple.of(id))
                .await().indefinitely()) {
            times.add(Sql.instant(r, "at"));
        }
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i).isAfter(times.get(i - 1)), "each interval ends where the next starts: " + times);
        }
        double closed = pool.preparedQuery("SELECT COALESCE(sum(seconds), 0) AS s FROM ledger_monthly WHERE resource_id = $1 AND month = $2")
                .execute(Tuple.of(id, YearMonth.of(2026, 9).atDay(1))).await().indefinitely().iterator().next().getDouble("s");
        Instant headSince = Sql.instant(pool.preparedQuery("SELECT since FROM ledger_resources WHERE resource_id = $1").execute(Tuple.of(id))
                .await().indefinitely().iterator().next(), "since");
        assertEquals(Duration.between(SEPT, OCT).toSeconds(), closed + LedgerMath.seconds(headSince, OCT), 0.001,
                "the intervals cover the month exactly once: no overlap, no gap");
    }

    @Test
    void aDeletedResourceKeepsItsLineInTheMonth() {
        Tenant t = tenant();
        UUID id = UUID.randomUUID();
        ledger.write(List.of(obs(t, id, "old", SEPT, Category.UP), obs(t, id, "old", at("16T00:00:00"), Category.DELETED)));
        admin().queryParam("month", "2026-09").get("/v1/tenants/" + t.name() + "/availability").then().statusCode(200)
                .body("resources", hasSize(1)).body("resources[0].name", equalTo("old"))
                .body("resources[0].measured_minutes", equalTo(15 * 1440.0f)).body("availability_percent", equalTo(100.0f));
    }

    @Test
    void usageBillsComputeForUpAndMaintenanceAndStorageForAVolumesLife() {
        Tenant t = tenant();
        windows.create(null, t.id(), at("01T11:00:00"), at("01T12:00:00"), "Network maintenance", SEPT).await().indefinitely();
        UUID vm = UUID.randomUUID();
        UUID disk = UUID.randomUUID();
        ledger.write(List.of(obs(t, vm, "app", SEPT, Category.UP),
                obs(t, vm, "app", at("01T11:00:00"), Category.DOWN), // maintenance: billed
                obs(t, vm, "app", at("01T12:00:00"), Category.DOWN), // down: not billed
                obs(t, vm, "app", at("01T13:00:00"), Category.STOPPED),
                obs(t, disk, "data", Observation.Kind.VOLUME, SEPT, Category.PROVISIONING, false, new Sizes(0, 0, 10)),
                obs(t, disk, "data", Observation.Kind.VOLUME, at("01T01:00:00"), Category.UP, false, new Sizes(0, 0, 10)),
                obs(t, disk, "data", Observation.Kind.VOLUME, at("01T05:00:00"), Category.DELETED, false, new Sizes(0, 0, 10))));

        String from = SEPT.toString();
        String to = at("01T15:00:00").toString();
        JsonPath usage = admin().queryParam("from", from).queryParam("to", to).get("/v1/tenants/" + t.name() + "/usage")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(24.0, usage.getDouble("total.vcpu_hours"), "2 vCPUs x (11 h up + 1 h maintenance)");
        assertEquals(48.0, usage.getDouble("total.memory_gib_hours"), "4 GiB x 12 h");
        assertEquals(50.0, usage.getDouble("total.storage_gib_hours"), "10 GiB x 5 h, provisioning included");
        assertEquals(1.0, usage.getDouble("total_by_category.down.hours"));
        assertEquals(0.0, usage.getDouble("total_by_category.down.vcpu_hours"));
        assertEquals(2.0, usage.getDouble("total_by_category.stopped.hours"));

        String csv = admin().accept("text/csv").queryParam("from", from).queryParam("to", to).get("/v1/tenants/" + t.name() + "/usage")
                .then().statusCode(200).contentType("text/csv").extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals("kind,name,id,category,hours,vcpu_hours,memory_gib_hours,storage_gib_hours,address_hours,egress_gib", lines.get(0));
        assertTrue(lines.contains("instance,app," + vm + ",maintenance,1.0000,2.0000,4.0000,0.0000,0.0000,0.0000"), csv);
        assertTrue(lines.contains("volume,data," + disk + ",up,4.0000,0.0000,0.0000,40.0000,0.0000,0.0000"), csv);
    }

    /**
     * The bill of a breached month at the test profile's prices (application.properties: vCPU-hour 0.0125, GiB-memory-hour
     * 0.0025, egress 10 a GiB, 0.0001 GiB free): an hour down in a maintenance window is billed as compute, and the month
     * earns the 10 % credit.
     */
    @Test
    void aBreachedMonthsBillHasTheServiceCreditAsANegativeLine() {
        Tenant t = tenant();
        windows.create(null, t.id(), at("15T02:00:00"), at("15T04:00:00"), "Hypervisor kernel upgrade", SEPT.minus(Duration.ofDays(3)))
                .await().indefinitely();
        UUID id = UUID.randomUUID();
        ledger.write(List.of(obs(t, id, "db", SEPT, Category.UP), obs(t, id, "db", at("15T02:30:00"), Category.DOWN),
                obs(t, id, "db", at("15T03:30:00"), Category.UP)));
        // 2.5 GiB sent on the 10th, as the egress collector stores it.
        pool.preparedQuery("INSERT INTO egress_hourly (instance_id, tenant_id, hour, bytes) VALUES ($1, $2, $3, $4)")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id, t.id(), at("10T10:00:00").atOffset(java.time.ZoneOffset.UTC), 5L << 29))
                .await().indefinitely();

        JsonPath bill = admin().queryParam("month", "2026-09").get("/v1/tenants/" + t.name() + "/bill").then().statusCode(200)
                .body("estimate", equalTo(false)).body("currency", equalTo("EUR")).extract().jsonPath();
        List<String> lines = bill.<java.util.Map<String, Object>>getList("lines").stream().map(l -> String.join(" ", String.valueOf(l.get("kind")),
                String.valueOf(l.get("name")), String.valueOf(l.get("meter")), String.valueOf(l.get("quantity")), String.valueOf(l.get("unit")),
                String.valueOf(l.get("unit_price")), String.valueOf(l.get("amount")))).toList();
        assertEquals(List.of(
                "instance db vcpu_hours 1440.0 vCPU-hour 0.0125 18.0",
                "instance db memory_gib_hours 2880.0 GiB-hour 0.0025 7.2",
                "instance db egress_gib 2.5 GiB 10 25.0",
                "tenant " + t.name() + " egress_free_gib -1.0E-4 GiB 10 0.0",
                "tenant " + t.name() + " service_credit -0.1 subtotal 50.2 -5.02"), lines);
        assertEquals(50.2f, bill.getFloat("subtotal"));
        assertEquals(-5.02f, bill.getFloat("service_credit"));
        assertEquals(45.18f, bill.getFloat("total"));

        String csv = admin().accept("text/csv").queryParam("month", "2026-09").get("/v1/tenants/" + t.name() + "/bill").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        assertEquals(List.of("kind,name,id,meter,quantity,unit,unit_price,currency,amount",
                "instance,db," + id + ",vcpu_hours,1440.0000,vCPU-hour,0.0125,EUR,18.00",
                "instance,db," + id + ",memory_gib_hours,2880.0000,GiB-hour,0.0025,EUR,7.20",
                "instance,db," + id + ",egress_gib,2.5000,GiB,10,EUR,25.00",
                "tenant," + t.name() + "," + t.id() + ",egress_free_gib,-0.0001,GiB,10,EUR,0.00",
                "tenant," + t.name() + "," + t.id() + ",service_credit,-0.1,subtotal,50.20,EUR,-5.02",
                "total," + t.name() + ",,total,,,,EUR,45.18"), csv.lines().toList());
    }
}
