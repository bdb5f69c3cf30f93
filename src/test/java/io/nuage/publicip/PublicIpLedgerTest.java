package io.nuage.publicip;

import static io.nuage.api.TestApi.admin;
import static io.nuage.publicip.PublicIps.attach;
import static io.nuage.publicip.PublicIps.path;
import static io.nuage.publicip.PublicIps.tcp;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.nuage.api.TestApi;
import io.nuage.compute.Instances;
import io.nuage.sla.Ledger;
import io.nuage.support.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** A public address has a ledger history, an availability report and a usage line billing every hour it is held. */
@QuarkusTest
class PublicIpLedgerTest {

    @Inject
    Ledger ledger;

    @Inject
    Pool pool;

    private List<String> categories(UUID id) {
        ledger.flush(Duration.ofSeconds(10));
        List<String> out = new ArrayList<>();
        for (Row r : pool.preparedQuery("SELECT category FROM ledger_transitions WHERE resource_id = $1 ORDER BY at")
                .execute(Tuple.of(id)).await().indefinitely()) {
            out.add(r.getString("category"));
        }
        return out;
    }

    private static JsonPath usageLine(String tenant, String name) {
        JsonPath usage = admin().get("/v1/tenants/" + tenant + "/usage").then().statusCode(200).extract().jsonPath();
        List<String> names = usage.getList("resources.findAll { it.kind == 'public_ip' }.name");
        return names.contains(name) ? new JsonPath(usage.prettify()).setRootPath("resources.find { it.name == '" + name + "' }") : null;
    }

    @Test
    void theAddressIsUpWhileAnnouncedStoppedWhileDetachedAndBilledThroughout() {
        String t = TestApi.createTenant();
        Instances.create(t, "vm");
        UUID id = UUID.fromString(admin().body(java.util.Map.of("name", "ip")).post(path(t)).then().statusCode(201)
                .extract().path("id"));
        admin().body(attach("vm", List.of(tcp(22)))).post(path(t) + "/ip/attach").then().statusCode(202);
        PublicIps.awaitPhase(t, "ip", "attached");
        Await.until(Duration.ofSeconds(20), "up recorded", () -> categories(id).contains("up"));
        admin().post(path(t) + "/ip/detach").then().statusCode(202);
        PublicIps.awaitPhase(t, "ip", "allocated");
        Await.until(Duration.ofSeconds(20), "stopped recorded after up", () -> {
            List<String> c = categories(id);
            return c.get(c.size() - 1).equals("stopped") && c.contains("up");
        });
        assertEquals("provisioning", categories(id).get(0), "the history starts at the allocation");
        assertTrue(!categories(id).contains("down"), "attaching and detaching at the tenant's request is not downtime: " + categories(id));

        admin().get(path(t) + "/ip").then().statusCode(200);
        admin().get("/v1/tenants/" + t + "/public-ips/ip/availability").then().statusCode(200)
                .body("kind", equalTo("public_ip")).body("name", equalTo("ip")).body("id", equalTo(id.toString()))
                .body("downtime_minutes", equalTo(0.0f));
        Await.until(Duration.ofSeconds(30), "address hours billed", () -> {
            JsonPath line = usageLine(t, "ip");
            return line != null && line.getDouble("total.address_hours") > 0;
        });
        JsonPath line = usageLine(t, "ip");
        assertEquals(line.getDouble("total.hours"), line.getDouble("total.address_hours"), 1e-4,
                "every hour held is billed, attached or not");
        assertEquals(0.0, line.getDouble("total.vcpu_hours"));
        admin().get("/v1/tenants/" + t + "/public-ips/nope/availability").then().statusCode(404);
    }
}
