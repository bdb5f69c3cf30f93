package io.nuage.billing;

import static io.nuage.api.TestApi.admin;
import static io.nuage.api.TestApi.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.nuage.api.TestApi;
import io.nuage.compute.Instances;
import io.nuage.reconciler.Cluster;
import io.nuage.support.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.vertx.core.json.JsonObject;

/**
 * Egress read from the simulated cluster's Prometheus counters into usage, and the bill at the test profile's price
 * sheet (application.properties: vCPU-hour 0.0125, GiB-memory-hour 0.0025, egress 10 a GiB, 0.0001 GiB free).
 */
@QuarkusTest
class BillingApiTest {

    private static final JsonPathConfig DECIMALS = JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL);

    @Inject
    Cluster cluster;
    @Inject
    MeterRegistry registry;

    private static JsonPath usage(String tenant) {
        return admin().get("/v1/tenants/" + tenant + "/usage").then().statusCode(200).extract().jsonPath().using(DECIMALS);
    }

    /** A JSON number as written: 10, 0.0125 (small ones parse as Integer). */
    private static BigDecimal dec(Object number) {
        return new BigDecimal(number.toString());
    }

    private static BigDecimal egress(String tenant, String instance) {
        BigDecimal gib = usage(tenant).get("resources.find { it.name == '" + instance + "' }.egress_gib");
        return gib == null ? BigDecimal.ZERO : gib;
    }

    private static String runningInstance() {
        String tenant = TestApi.createTenant();
        Instances.create(tenant, "web-1");
        Instances.awaitPhase(tenant, "web-1", "running");
        return tenant;
    }

    @Test
    void aRunningInstancesCountersAreItsEgressInUsage() {
        String tenant = runningInstance();
        Await.until(Duration.ofSeconds(20), "egress counted", () -> egress(tenant, "web-1").signum() > 0);
        BigDecimal first = egress(tenant, "web-1");
        Await.until(Duration.ofSeconds(20), "egress growing", () -> egress(tenant, "web-1").compareTo(first) > 0);

        JsonPath u = usage(tenant);
        String id = u.getString("resources.find { it.name == 'web-1' }.id");
        BigDecimal total = u.get("egress_gib");
        assertTrue(total.compareTo(first) > 0, "the tenant's total counts its instance's egress: " + total);
        String csv = admin().accept("text/csv").get("/v1/tenants/" + tenant + "/usage").then().statusCode(200).extract().asString();
        assertTrue(csv.startsWith("kind,name,id,category,hours,vcpu_hours,memory_gib_hours,storage_gib_hours,address_hours,egress_gib\n"), csv);
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("instance,web-1," + id + ",egress,0.0000,0.0000,0.0000,0.0000,0.0000,")
                && new BigDecimal(l.substring(l.lastIndexOf(',') + 1)).signum() > 0), csv);
    }

    private double failures() {
        return registry.get("nuage.egress.collection.failures").counter().count();
    }

    /** The simulated counter of the instance's interface, read from Prometheus as the collector reads it, in bytes. */
    private long counter(String tenant, String instance) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(cluster.simulated().url() + "/api/v1/query?query=kubevirt_vmi_network_transmit_bytes_total")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        for (Object o : new JsonObject(answer.body()).getJsonObject("data").getJsonArray("result")) {
            JsonObject metric = ((JsonObject) o).getJsonObject("metric");
            if (metric.getString("namespace").equals("nuage-" + tenant) && metric.getString("name").equals(instance)) {
                return Long.parseLong(((JsonObject) o).getJsonArray("value").getString(1));
            }
        }
        throw new AssertionError("no series of " + tenant + "/" + instance + ": " + answer.body());
    }

    @Test
    void aPrometheusOutageLosesNoEgress() throws Exception {
        String tenant = runningInstance();
        Await.until(Duration.ofSeconds(20), "egress counted", () -> egress(tenant, "web-1").signum() > 0);
        double failed = failures();
        cluster.simulated().setPrometheusAvailable(false);
        BigDecimal duringOutage;
        try {
            Await.until(Duration.ofSeconds(30), "five failed collections", () -> failures() >= failed + 5);
            duringOutage = egress(tenant, "web-1"); // usage still answers, with what was counted before
            admin().get("/v1/tenants/" + tenant + "/bill").then().statusCode(200);
        } finally {
            cluster.simulated().setPrometheusAvailable(true);
        }
        long sent = counter(tenant, "web-1"); // everything sent since the instance started, the outage included
        BigDecimal sentGib = BigDecimal.valueOf(sent).divide(BigDecimal.valueOf(1L << 30), 4, RoundingMode.DOWN);
        assertTrue(sentGib.subtract(duringOutage).compareTo(new BigDecimal("0.004")) > 0,
                "the outage lasted long enough to matter: " + sentGib + " sent, " + duringOutage + " counted before");
        Await.until(Duration.ofSeconds(20), "egress after the outage covers it", () -> egress(tenant, "web-1").compareTo(sentGib) >= 0);
    }

    @Test
    void theBillPricesEveryLineAndAddsThemUp() {
        String tenant = runningInstance();
        Await.until(Duration.ofSeconds(20), "egress counted", () -> egress(tenant, "web-1").compareTo(new BigDecimal("0.001")) > 0);
        JsonPath bill = admin().get("/v1/tenants/" + tenant + "/bill").then().statusCode(200)
                .body("tenant", equalTo(tenant), "month", equalTo(YearMonth.now(ZoneOffset.UTC).toString()), "estimate", equalTo(true),
                        "currency", equalTo("EUR"))
                .extract().jsonPath().using(DECIMALS);
        List<Map<String, Object>> lines = bill.getList("lines");
        BigDecimal sum = BigDecimal.ZERO;
        for (Map<String, Object> l : lines) {
            BigDecimal amount = dec(l.get("amount"));
            assertEquals(dec(l.get("quantity")).multiply(dec(l.get("unit_price"))).setScale(2, RoundingMode.HALF_EVEN),
                    amount, "amount = quantity * unit price, to the cent: " + l);
            sum = sum.add(amount);
        }
        assertEquals(sum, dec(bill.get("total")));
        assertEquals(dec(bill.get("subtotal")).add(dec(bill.get("service_credit"))), dec(bill.get("total")));
        Map<String, Object> vcpu = bill.getMap("lines.find { it.name == 'web-1' && it.meter == 'vcpu_hours' }");
        assertEquals(new BigDecimal("0.0125"), dec(vcpu.get("unit_price")));
        assertEquals("vCPU-hour", vcpu.get("unit"));
        Map<String, Object> egress = bill.getMap("lines.find { it.name == 'web-1' && it.meter == 'egress_gib' }");
        assertEquals(new BigDecimal("10"), dec(egress.get("unit_price")));
        assertTrue(dec(egress.get("quantity")).compareTo(new BigDecimal("0.001")) > 0, egress.toString());
        Map<String, Object> free = bill.getMap("lines.find { it.meter == 'egress_free_gib' }");
        assertEquals(new BigDecimal("-0.0001"), dec(free.get("quantity")));
        assertEquals(tenant, free.get("name"));

        String csv = admin().queryParam("format", "csv").get("/v1/tenants/" + tenant + "/bill").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        List<String> rows = csv.lines().toList();
        assertEquals("kind,name,id,meter,quantity,unit,unit_price,currency,amount", rows.get(0));
        String[] egressRow = rows.stream().filter(r -> r.startsWith("instance,web-1,") && r.contains(",egress_gib,")).findFirst()
                .orElseThrow(() -> new AssertionError("no egress line in " + csv)).split(",");
        assertEquals(List.of("GiB", "10", "EUR"), List.of(egressRow[5], egressRow[6], egressRow[7]), csv);
        assertEquals(new BigDecimal(egressRow[4]).multiply(BigDecimal.TEN).setScale(2, RoundingMode.HALF_EVEN),
                new BigDecimal(egressRow[8]), "the CSV's egress amount = quantity * 10, to the cent: " + csv);
        assertTrue(rows.get(rows.size() - 1).startsWith("total," + tenant + ",,estimated_total,,,,EUR,"), csv);
        String viaAccept = admin().accept("text/csv").get("/v1/tenants/" + tenant + "/bill").then().statusCode(200).extract().asString();
        assertEquals(rows.get(0), viaAccept.lines().findFirst().orElseThrow());
    }

    @Test
    void theBillFollowsTheUsageRolesAndRefusesBadMonths() {
        String tenant = TestApi.createTenant();
        String other = TestApi.createTenant();
        String viewer = TestApi.token(tenant, "viewer");
        as(viewer).get("/v1/tenants/" + tenant + "/bill").then().statusCode(200).body("lines", equalTo(List.of()), "total", equalTo(0.0f));
        as(viewer).get("/v1/tenants/" + other + "/bill").then().statusCode(404);
        admin().queryParam("month", "2999-01").get("/v1/tenants/" + tenant + "/bill").then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("month_not_billable"), "errors.field", hasItem("month"));
        admin().queryParam("month", "2026-13").get("/v1/tenants/" + tenant + "/bill").then().statusCode(400)
                .body("code", equalTo("validation_failed"), "errors.field", hasItem("month"));
        admin().queryParam("format", "xml").get("/v1/tenants/" + tenant + "/bill").then().statusCode(400)
                .body("errors.field", hasItem("format"));
        admin().queryParam("month", "2020-02").get("/v1/tenants/" + tenant + "/bill").then().statusCode(200)
                .body("estimate", equalTo(false), "from", equalTo("2020-02-01T00:00:00Z"), "to", equalTo("2020-03-01T00:00:00Z"));
    }

    @Test
    void everyTokenReadsThePriceSheet() {
        String tenant = TestApi.createTenant();
        as(TestApi.token(tenant, "viewer")).get("/v1/prices").then().statusCode(200)
                .body("currency", equalTo("EUR"), "amount_decimals", equalTo(2),
                        "prices.find { it.meter == 'vcpu_hours' }.unit_price", equalTo(0.0125f),
                        "prices.find { it.meter == 'egress_gib' }.unit", equalTo("GiB"));
        io.restassured.RestAssured.given().get("/v1/prices").then().statusCode(401);
    }
}
