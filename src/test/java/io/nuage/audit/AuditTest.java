package io.nuage.audit;

import static io.nuage.api.TestApi.admin;
import static io.nuage.api.TestApi.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.nuage.api.TestApi;
import io.nuage.compute.Instances;
import io.nuage.db.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The audit log as a tenant reads it, its hash chain, and what tampering with it shows. */
@QuarkusTest
class AuditTest {

    @Inject
    Pool pool;
    @Inject
    AuditChains chains;

    @Test
    void writesAndTheOperatorsReadsAreRecordedAndTheTenantSeesThem() {
        String t = TestApi.createTenant();
        String member = TestApi.token(t, "member");
        String viewer = TestApi.token(t, "viewer");
        String id = as(member).body(Instances.body("web", 1, 512)).post("/v1/tenants/" + t + "/instances").then().statusCode(201)
                .header("Nuage-Request-Id", notNullValue()).extract().path("id");
        as(viewer).delete("/v1/tenants/" + t + "/instances/web").then().statusCode(403);
        admin().get("/v1/tenants/" + t + "/instances/web").then().statusCode(200);
        as(viewer).get("/v1/tenants/" + t + "/instances/web").then().statusCode(200);

        JsonPath audit = as(viewer).get("/v1/tenants/" + t + "/audit").then().statusCode(200).extract().jsonPath();
        List<String> actions = audit.getList("items.action");
        assertTrue(actions.containsAll(List.of("createInstance", "deleteInstance", "getInstance")), actions.toString());
        assertEquals(1, actions.stream().filter("getInstance"::equals).count(), "the operator's read alone: a tenant's own reads are not");
        Map<String, Object> created = audit.getMap("items.find { it.action == 'createInstance' }");
        assertEquals("member", created.get("role"));
        assertEquals("instance", created.get("kind"));
        assertEquals("web", created.get("target_name"));
        assertEquals(id, created.get("target_id"));
        assertEquals(201, created.get("status"));
        Map<String, Object> refused = audit.getMap("items.find { it.action == 'deleteInstance' }");
        assertEquals(403, refused.get("status"));
        assertEquals("forbidden", refused.get("problem_code"));
        assertEquals("viewer", refused.get("role"));
        Map<String, Object> read = audit.getMap("items.find { it.action == 'getInstance' }");
        assertEquals("admin", read.get("role"));
        assertEquals("127.0.0.1", read.get("source"));

        as(viewer).queryParam("action", "createInstance").get("/v1/tenants/" + t + "/audit").then().statusCode(200)
                .body("items.size()", equalTo(1));
        as(viewer).queryParam("token_id", "nope").get("/v1/tenants/" + t + "/audit").then().statusCode(400);
        as(TestApi.token(TestApi.createTenant(), "member")).get("/v1/tenants/" + t + "/audit").then().statusCode(404);
        as(viewer).get("/v1/tenants/" + t + "/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void theLogIsAppendOnlyAndAnAlteredEntryIsNamedByVerification() {
        String t = TestApi.createTenant();
        String member = TestApi.token(t, "member");
        for (String name : List.of("a", "b", "c")) {
            as(member).body(Map.of("name", name, "cidr", "10." + name.charAt(0) % 200 + ".0.0/24")).post("/v1/tenants/" + t + "/networks")
                    .then().statusCode(201);
        }
        String tenantId = admin().get("/v1/tenants/" + t).then().extract().path("id");
        assertEquals(true, admin().get("/v1/tenants/" + t + "/audit/verify").then().statusCode(200).extract().path("intact"));

        Exception refused = assertThrows(Exception.class, () -> pool.preparedQuery(
                "UPDATE audit_entries SET status = 200 WHERE tenant_key = $1::uuid").execute(Tuple.of(tenantId)).await().atMost(Sql.AWAIT));
        assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());

        // The database's owner can still do it, past the trigger: that is what the chain is for.
        long tampered = pool.withTransaction(tx -> tx.query("SET LOCAL session_replication_role = replica").execute()
                .chain(() -> tx.preparedQuery("UPDATE audit_entries SET target_name = 'z' WHERE tenant_key = $1::uuid AND seq = 2")
                        .execute(Tuple.of(tenantId)))).await().atMost(Sql.AWAIT).rowCount();
        assertEquals(1, tampered);
        JsonPath verdict = admin().get("/v1/tenants/" + t + "/audit/verify").then().statusCode(200).extract().jsonPath();
        assertFalse(verdict.getBoolean("intact"));
        assertEquals(2, verdict.getInt("first_broken_seq"));
    }

    @Test
    void pruningKeepsTheChainVerifiableFromASignedCheckpoint() {
        String t = TestApi.createTenant();
        String member = TestApi.token(t, "member");
        as(member).body(Map.of("name", "old", "cidr", "10.1.0.0/24")).post("/v1/tenants/" + t + "/networks").then().statusCode(201);
        // The cut: just after the old network's entry, as the log itself timed it.
        Instant cut = Instant.parse(as(member).queryParam("action", "createNetwork").get("/v1/tenants/" + t + "/audit").then()
                .statusCode(200).extract().path("items[0].at")).plusNanos(1000);
        as(member).body(Map.of("name", "new", "cidr", "10.2.0.0/24")).post("/v1/tenants/" + t + "/networks").then().statusCode(201);

        assertTrue(chains.prune(cut) > 0);
        JsonPath verdict = admin().get("/v1/tenants/" + t + "/audit/verify").then().statusCode(200).extract().jsonPath();
        assertTrue(verdict.getBoolean("intact"), verdict.prettify());
        assertTrue(verdict.getLong("checkpoint_seq") > 0);
        List<String> targets = as(member).get("/v1/tenants/" + t + "/audit").then().statusCode(200).extract().jsonPath()
                .getList("items.target_name");
        assertFalse(targets.contains("old"), targets.toString());
        assertTrue(targets.contains("new"), targets.toString());
    }
}
