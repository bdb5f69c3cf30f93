package io.nuage.api;

import static io.nuage.api.TestApi.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Query parameters are read as strictly as bodies: a boolean is true or false, an integer is digits within its range,
 * a time is an RFC 3339 date-time, a month is yyyy-MM. Each refusal is a 400 validation_failed naming the parameter.
 */
@QuarkusTest
class QueryParamsTest {

    private static final List<String> LISTS = List.of("instances", "networks", "volumes", "snapshots", "tokens");

    /** The request answers 400 validation_failed naming every one of these parameters. */
    private static void refused(String path, Map<String, String> query, String... params) {
        try {
            admin().queryParams(query).get(path).then().statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("validation_failed"))
                    .body("errors", hasSize(params.length))
                    .body("errors.field", hasItems(params));
        } catch (AssertionError e) {
            throw new AssertionError(path + " " + query + ": " + e.getMessage(), e);
        }
    }

    @Test
    void pastIsTrueOrFalseOnly() {
        // `?past=/!` answered 200, read as false, when the parameter was a JAX-RS boolean.
        for (String bad : List.of("/!", "1", "0", "yes", "TRUE", "True", " true", "true ")) {
            refused("/v1/maintenance-windows", Map.of("past", bad), "past");
        }
        // An empty value is no value: the default.
        for (String good : List.of("true", "false", "")) {
            admin().queryParam("past", good).get("/v1/maintenance-windows").then().statusCode(200);
        }
        admin().get("/v1/maintenance-windows").then().statusCode(200);
    }

    @Test
    void limitIsAWholeNumberFromOneTo500OnEveryList() {
        String tenant = TestApi.createTenant();
        List<String> paths = new java.util.ArrayList<>(List.of("/v1/tenants"));
        LISTS.forEach(list -> paths.add("/v1/tenants/" + tenant + "/" + list));
        for (String path : paths) {
            for (String bad : List.of("0", "501", "1.5", "abc", "-1", "+5", " 5", "1e2", "99999999999", "0x10")) {
                refused(path, Map.of("limit", bad), "limit");
            }
            for (String good : List.of("1", "500", "007", "")) {
                admin().queryParam("limit", good).get(path).then().statusCode(200);
            }
            admin().get(path).then().statusCode(200);
        }
    }

    @Test
    void limitSetsThePageSize() {
        String tenant = TestApi.createTenant();
        for (int i = 0; i < 2; i++) {
            admin().body(Map.of("name", "tok-" + i, "role", "viewer")).post("/v1/tenants/" + tenant + "/tokens").then().statusCode(201);
        }
        admin().queryParam("limit", "1").get("/v1/tenants/" + tenant + "/tokens").then().statusCode(200)
                .body("items", hasSize(1)).body("next_page_token", notNullValue());
    }

    @Test
    void fromAndToAreRfc3339DateTimes() {
        String tenant = TestApi.createTenant();
        String usage = "/v1/tenants/" + tenant + "/usage";
        String availability = "/v1/tenants/" + tenant + "/instances/none/availability";
        for (String path : List.of(usage, availability)) {
            for (String bad : List.of("yesterday", "2026-11-01", "2026-11-01T00:00Z", "2026-11-01T00:00:00", "2026-13-01T00:00:00Z",
                    "2026-02-30T00:00:00Z", "1700000000", "2026-11-01 00:00:00Z", " 2026-11-01T00:00:00Z")) {
                refused(path, Map.of("from", bad), "from");
                refused(path, Map.of("to", bad), "to");
            }
            refused(path, Map.of("from", "yesterday", "to", "tomorrow"), "from", "to");
        }
        for (String good : List.of("2025-11-01T00:00:00Z", "2025-11-01T01:00:00.5+01:00", "2025-11-01t00:00:00z")) {
            admin().queryParam("from", good).queryParam("to", "2025-11-02T00:00:00Z").get(usage).then().statusCode(200);
        }
        // Well-formed, so the resource is looked for: there is none.
        admin().queryParam("from", "2025-11-01T00:00:00Z").queryParam("to", "2025-11-02T00:00:00Z").get(availability).then().statusCode(404);
    }

    @Test
    void monthIsYearDashMonth() {
        String path = "/v1/tenants/" + TestApi.createTenant() + "/availability";
        for (String bad : List.of("2026-13", "2026-00", "2026-1", "26-11", "2026-11-01", "202611", "+2026-11", "november")) {
            refused(path, Map.of("month", bad), "month");
        }
        String lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1).toString();
        admin().queryParam("month", lastMonth).get(path).then().statusCode(200).body("month", equalTo(lastMonth));
        admin().get(path).then().statusCode(200);
        admin().queryParam("month", "").get(path).then().statusCode(200);
    }
}
