package io.nuage.network;

import static io.nuage.api.TestApi.admin;
import static io.nuage.api.TestApi.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.nuage.api.TestApi;
import io.nuage.support.Await;
import io.quarkus.test.junit.QuarkusTest;

/** The networks API: each endpoint, validation, conflicts and roles. */
@QuarkusTest
class NetworkApiTest {

    @Test
    void createAnswers201WithDefaultsAndLocation() {
        String t = TestApi.createTenant();
        Map<String, Object> body = Networks.body("backend", "10.0.1.0/24");
        body.put("dns_servers", List.of("10.0.1.53", "1.1.1.1"));
        body.put("labels", Map.of("team", "data"));
        admin().body(body).post(Networks.path(t)).then()
                .statusCode(201)
                .header("Location", endsWith("/v1/tenants/" + t + "/networks/backend"))
                .body("id", notNullValue())
                .body("name", equalTo("backend"))
                .body("cidr", equalTo("10.0.1.0/24"))
                .body("gateway", equalTo("10.0.1.1"))
                .body("dns_servers", equalTo(List.of("10.0.1.53", "1.1.1.1")))
                .body("firewall_rules", equalTo(List.of()))
                .body("labels.team", equalTo("data"))
                .body("status.phase", equalTo("pending"))
                .body("status.allocated", equalTo(0))
                .body("status.available", equalTo(253))
                .body("created_at", notNullValue())
                .body("updated_at", notNullValue());

        Networks.awaitReady(t, "backend");
        admin().get(Networks.path(t) + "/backend").then().statusCode(200)
                .body("status.conditions.find { it.type == 'Ready' }.status", equalTo("True"))
                .body("status.conditions.find { it.type == 'Synced' }.status", equalTo("True"));
    }

    @Test
    void gatewayCanBeChosenAndRulesGetTheirDefaults() {
        String t = TestApi.createTenant();
        Map<String, Object> body = Networks.body("edge", "192.168.8.0/29");
        body.put("gateway", "192.168.8.6");
        body.put("firewall_rules", List.of(Map.of("protocol", "tcp", "ports", "22")));
        admin().body(body).post(Networks.path(t)).then().statusCode(201)
                .body("gateway", equalTo("192.168.8.6"))
                .body("status.available", equalTo(5))
                .body("firewall_rules[0].direction", equalTo("ingress"))
                .body("firewall_rules[0].protocol", equalTo("tcp"))
                .body("firewall_rules[0].ports", equalTo("22"))
                .body("firewall_rules[0].source_cidr", equalTo("0.0.0.0/0"));
    }

    @Test
    void listPages() {
        String t = TestApi.createTenant();
        Networks.create(t, "n1", "10.1.0.0/24");
        Networks.create(t, "n2", "10.2.0.0/24");
        Networks.create(t, "n3", "10.3.0.0/24");
        String next = admin().queryParam("limit", 2).get(Networks.path(t)).then().statusCode(200)
                .body("items.name", equalTo(List.of("n1", "n2"))).extract().path("next_page_token");
        admin().queryParam("limit", 2).queryParam("page_token", next).get(Networks.path(t)).then().statusCode(200)
                .body("items.name", equalTo(List.of("n3"))).body("next_page_token", equalTo(null));
        admin().queryParam("limit", 0).get(Networks.path(t)).then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    @Test
    void invalidCidrsAre400WithTheField() {
        String t = TestApi.createTenant();
        for (String cidr : List.of("10.0.0.0", "10.0.0.0/8", "10.0.0.0/30", "10.0.0.1/24", "300.0.0.0/24", "fd00::/64",
                "10.0.0.0/024", "ten.0.0.0/24", "127.0.0.0/24", "224.1.0.0/16", "169.254.0.0/16", "10.0.0.0/16")) {
            admin().body(Networks.body("bad", cidr)).post(Networks.path(t)).then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", equalTo("validation_failed"))
                    .body("errors", hasSize(1))
                    .body("errors[0].field", equalTo("cidr"));
        }
        admin().body(Networks.body("bad", "10.0.0.1/24")).post(Networks.path(t)).then()
                .body("errors[0].message", equalTo("has host bits set: the network is 10.0.0.0/24"));
        admin().body(Networks.body("bad", "10.0.0.0/8")).post(Networks.path(t)).then()
                .body("errors[0].message", equalTo("prefix length must be from /16 to /29"));
        admin().body(Networks.body("bad", "10.0.0.0/16")).post(Networks.path(t)).then()
                .body("errors[0].message", startsWith("overlaps 10.0.2.0/24"));
        admin().body(Map.of("name", "bad")).post(Networks.path(t)).then()
                .statusCode(400).body("errors[0].field", equalTo("cidr")).body("errors[0].message", equalTo("is required"));
        admin().get(Networks.path(t) + "/bad").then().statusCode(404);
    }

    @Test
    void everyInvalidFieldIsListed() {
        String t = TestApi.createTenant();
        Map<String, Object> body = Networks.body("Bad_Name", "10.0.0.0/24");
        body.put("gateway", "10.0.1.1");
        body.put("dns_servers", List.of("8.8.8.8", "dns.example.com"));
        body.put("firewall_rules", List.of(
                Map.of("direction", "egress", "protocol", "tcp"),
                Map.of("protocol", "gre"),
                Map.of("protocol", "icmp", "ports", "22"),
                Map.of("protocol", "tcp", "ports", "8080-80"),
                Map.of("protocol", "udp", "ports", "070"),
                Map.of("protocol", "tcp", "source_cidr", "203.0.113.7/24"),
                Map.of("ports", "22")));
        admin().body(body).post(Networks.path(t)).then()
                .statusCode(400).body("code", equalTo("validation_failed"))
                .body("errors.field", equalTo(List.of("name", "gateway", "dns_servers[1]",
                        "firewall_rules[0].direction", "firewall_rules[1].protocol", "firewall_rules[2].ports",
                        "firewall_rules[3].ports", "firewall_rules[4].ports", "firewall_rules[5].source_cidr",
                        "firewall_rules[6].protocol")));
        Map<String, Object> tooHigh = Networks.body("x", "10.0.0.0/24");
        tooHigh.put("firewall_rules", List.of(Map.of("protocol", "udp", "ports", "70000")));
        admin().body(tooHigh).post(Networks.path(t)).then()
                .statusCode(400).body("errors[0].field", equalTo("firewall_rules[0].ports"));
        admin().body("{\"name\":\"x\",\"cidr\":\"10.0.0.0/24\",\"firewall_rules\":[{\"protocol\":\"tcp\",\"port\":22}]}")
                .post(Networks.path(t)).then()
                .statusCode(400).body("code", equalTo("unknown_field")).body("errors[0].field", equalTo("firewall_rules[0].port"));
        admin().body("{\"name\":\"x\",\"cidr\":{\"prefix\":24}}").post(Networks.path(t)).then()
                .statusCode(400).body("code", equalTo("invalid_type"));
        admin().post(Networks.path(t)).then().statusCode(400).body("code", equalTo("missing_body"));
    }

    @Test
    void duplicateNameIsConflict() {
        String t = TestApi.createTenant();
        Networks.create(t, "dup", "10.4.0.0/24");
        admin().body(Networks.body("dup", "10.5.0.0/24")).post(Networks.path(t)).then()
                .statusCode(409).body("code", equalTo("already_exists"));
    }

    @Test
    void overlappingCidrIsConflictWithinATenantOnly() {
        String t = TestApi.createTenant();
        Networks.create(t, "big", "10.8.0.0/16");
        admin().body(Networks.body("inside", "10.8.3.0/24")).post(Networks.path(t)).then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("cidr_overlap"))
                .body("overlapping_network", equalTo("big"))
                .body("overlapping_cidr", equalTo("10.8.0.0/16"));
        admin().body(Networks.body("around", "10.0.0.0/12")).post(Networks.path(t)).then().statusCode(400);
        admin().body(Networks.body("next", "10.9.0.0/24")).post(Networks.path(t)).then().statusCode(201);
        // Another tenant has its own address space.
        Networks.create(TestApi.createTenant(), "big", "10.8.0.0/16");
    }

    @Test
    void concurrentOverlappingCreatesLetExactlyOneThrough() throws Exception {
        String t = TestApi.createTenant();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> codes = new ArrayList<>();
            for (int prefix = 16; prefix <= 29; prefix++) {
                // Nested blocks, each inside the one before: every pair overlaps.
                String cidr = "172.20.0.0/" + prefix;
                String name = "race-" + prefix;
                codes.add(pool.submit(() -> admin().body(Networks.body(name, cidr)).post(Networks.path(t)).statusCode()));
            }
            int created = 0;
            int overlapping = 0;
            for (Future<Integer> f : codes) {
                int code = f.get();
                created += code == 201 ? 1 : 0;
                overlapping += code == 409 ? 1 : 0;
            }
            assertEquals(1, created);
            assertEquals(13, overlapping);
        } finally {
            pool.shutdownNow();
        }
        admin().get(Networks.path(t)).then().body("items", hasSize(1));
    }

    @Test
    void patchChangesDnsRulesAndLabelsButNotTheAddressing() {
        String t = TestApi.createTenant();
        Networks.create(t, "mut", "10.6.0.0/24");
        long generation = Networks.get(t, "mut").getLong("generation");
        admin().body(Map.of("dns_servers", List.of("9.9.9.9"), "labels", Map.of("env", "prod"),
                "firewall_rules", List.of(Map.of("protocol", "udp", "ports", "53", "source_cidr", "10.0.0.0/8"))))
                .patch(Networks.path(t) + "/mut").then()
                .statusCode(200)
                .body("dns_servers", equalTo(List.of("9.9.9.9")))
                .body("labels.env", equalTo("prod"))
                .body("firewall_rules[0].source_cidr", equalTo("10.0.0.0/8"))
                .body("generation", equalTo((int) generation + 1));

        admin().body(Map.of("cidr", "10.7.0.0/24", "gateway", "10.6.0.9")).patch(Networks.path(t) + "/mut").then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("immutable_field"))
                .body("errors.field", equalTo(List.of("cidr", "gateway")));
        admin().body(Map.of("cidr", "10.6.0.0/24", "gateway", "10.6.0.1", "name", "mut")).patch(Networks.path(t) + "/mut")
                .then().statusCode(200);
        admin().body(Map.of("name", "renamed")).patch(Networks.path(t) + "/mut").then()
                .statusCode(400).body("errors[0].field", equalTo("name"));
        admin().body(Map.of("cidr", "nonsense")).patch(Networks.path(t) + "/mut").then()
                .statusCode(400).body("errors[0].field", equalTo("cidr"));
        admin().body(Map.of("labels", Map.of())).patch(Networks.path(t) + "/ghost").then()
                .statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void deleteAnswers202ThenTheNetworkIsGone() {
        String t = TestApi.createTenant();
        Networks.create(t, "temp", "10.10.0.0/24");
        admin().delete(Networks.path(t) + "/temp").then().statusCode(202).body("status.phase", equalTo("deleting"));
        Await.until(Duration.ofSeconds(30), "network deleted",
                () -> admin().get(Networks.path(t) + "/temp").statusCode() == 404);
        admin().delete(Networks.path(t) + "/temp").then().statusCode(404).body("code", equalTo("not_found"));
        // The name and the range are free again.
        Networks.create(t, "temp", "10.10.0.0/24");
    }

    @Test
    void networkInUseCannotBeDeleted() {
        String t = Networks.tenantFor(2);
        Networks.create(t, "used", "10.11.0.0/24");
        admin().body(Networks.instance("user", List.of(Networks.nic("used")))).post(Networks.instancesPath(t)).then().statusCode(201);
        admin().delete(Networks.path(t) + "/used").then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("network_in_use"))
                .body("instances", equalTo(List.of("user")));
        admin().delete("/v1/tenants/" + t).then().statusCode(409).body("code", equalTo("tenant_not_empty"));

        admin().delete(Networks.instancesPath(t) + "/user").then().statusCode(202);
        Await.until(Duration.ofSeconds(30), "instance deleted",
                () -> admin().get(Networks.instancesPath(t) + "/user").statusCode() == 404);
        admin().delete(Networks.path(t) + "/used").then().statusCode(202);
    }

    @Test
    void tenantWithOnlyANetworkCannotBeDeleted() {
        String t = TestApi.createTenant();
        Networks.create(t, "keep", "10.12.0.0/24");
        admin().delete("/v1/tenants/" + t).then().statusCode(409).body("code", equalTo("tenant_not_empty"))
                .body("detail", containsString("1 network(s)"));
    }

    @Test
    void rolesAndTenantsAreEnforced() {
        String a = TestApi.createTenant();
        String b = TestApi.createTenant();
        String memberA = TestApi.token(a, "member");
        String viewerA = TestApi.token(a, "viewer");
        as(memberA).body(Networks.body("mine", "10.13.0.0/24")).post(Networks.path(a)).then().statusCode(201);
        as(viewerA).get(Networks.path(a)).then().statusCode(200).body("items", hasSize(1));
        as(viewerA).get(Networks.path(a) + "/mine").then().statusCode(200);
        as(viewerA).body(Networks.body("nope", "10.14.0.0/24")).post(Networks.path(a)).then().statusCode(403)
                .body("code", equalTo("forbidden"));
        as(viewerA).body(Map.of("labels", Map.of())).patch(Networks.path(a) + "/mine").then().statusCode(403);
        as(viewerA).delete(Networks.path(a) + "/mine").then().statusCode(403);

        Networks.create(b, "theirs", "10.13.0.0/24");
        for (String token : new String[] { memberA, viewerA }) {
            as(token).get(Networks.path(b)).then().statusCode(404);
            as(token).get(Networks.path(b) + "/theirs").then().statusCode(404);
            as(token).body(Map.of("labels", Map.of())).patch(Networks.path(b) + "/theirs").then().statusCode(404);
            as(token).delete(Networks.path(b) + "/theirs").then().statusCode(404);
        }
        admin().get(Networks.path(b) + "/theirs").then().statusCode(200);
    }

    @Test
    void unknownNetworkIsNotFound() {
        String t = TestApi.createTenant();
        admin().get(Networks.path(t) + "/ghost").then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("not_found"))
                .body("detail", equalTo("network 'ghost' does not exist"));
    }

    @Test
    void instanceNetworkRequestsAreValidated() {
        String t = Networks.tenantFor(4);
        Networks.create(t, "v", "10.15.0.0/24");
        admin().body(Networks.instance("bad", List.of(Networks.nic("v", "10.15.0.300"), Networks.nic("Bad!"),
                Networks.nic("v")))).post(Networks.instancesPath(t)).then()
                .statusCode(400).body("code", equalTo("validation_failed"))
                .body("errors.field", hasItems("networks[0].ip", "networks[1].network", "networks[2].network"));
        admin().body(Networks.instance("bad", List.of(Map.of("ip", "10.15.0.9")))).post(Networks.instancesPath(t)).then()
                .statusCode(400).body("errors[0].field", equalTo("networks[0].network"));
        admin().body("{\"name\":\"x\",\"vcpus\":1,\"memory_mib\":128,\"image\":\"quay.io/containerdisks/fedora:41\","
                + "\"networks\":[{\"network\":\"v\",\"address\":\"10.15.0.9\"}]}").post(Networks.instancesPath(t)).then()
                .statusCode(400).body("code", equalTo("unknown_field")).body("errors[0].field", equalTo("networks[0].address"));
    }
}
