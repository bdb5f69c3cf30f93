package io.nuage.publicip;

import static io.nuage.api.TestApi.admin;
import static io.nuage.publicip.PublicIps.attach;
import static io.nuage.publicip.PublicIps.path;
import static io.nuage.publicip.PublicIps.tcp;
import static io.nuage.publicip.PublicIps.udp;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.nuage.api.TestApi;
import io.nuage.compute.Instances;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The public addresses' API: refusals a user can meet, quota, the ports an attach without ports forwards, reads. */
@QuarkusTest
class PublicIpApiTest {

    @Test
    void badPortsAnswer400NamingTheField() {
        String t = TestApi.createTenant();
        Instances.create(t, "vm");
        PublicIps.allocate(t, "ip");
        String uri = path(t) + "/ip/attach";
        admin().body(attach("vm", List.of(Map.of("port", 0, "protocol", "tcp"), Map.of("port", 65536, "protocol", "udp"),
                Map.of("port", 22, "protocol", "icmp"), Map.of("protocol", "tcp")))).post(uri).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("validation_failed"))
                .body("errors.field", hasItems("ports[0].port", "ports[1].port", "ports[2].protocol", "ports[3].port"));
        admin().body(attach("vm", List.of(tcp(22), udp(22), tcp(22)))).post(uri).then().statusCode(400)
                .body("errors[0].field", equalTo("ports[2]"));
        admin().body(attach("vm", List.of())).post(uri).then().statusCode(400).body("errors[0].field", equalTo("ports"));
        List<Map<String, Object>> many = new ArrayList<>();
        for (int p = 1; p <= FirewallPorts.MAX + 1; p++) {
            many.add(tcp(p));
        }
        admin().body(attach("vm", many)).post(uri).then().statusCode(400).body("errors.field", hasItem("ports"));
        admin().body(Map.of("ports", List.of(tcp(22)))).post(uri).then().statusCode(400).body("errors[0].field", equalTo("instance"));
        admin().body(Map.of("instance", "vm", "ports", List.of(Map.of("port", "22", "protocol", "tcp")))).post(uri).then()
                .statusCode(400).body("code", equalTo("invalid_type"));
        admin().body(Map.of("name", "Bad_Name")).post(path(t)).then().statusCode(400).body("errors[0].field", equalTo("name"));
        admin().get(path(t) + "/ip").then().statusCode(200).body("instance", nullValue());
    }

    @Test
    void theInstanceMustBeTheTenantsInTheSameRegionWithoutAnotherAddress() {
        String t = TestApi.unique("t");
        admin().body(Map.of("name", t, "regions", List.of("fr-par", "de-fra", "nl-ams"))).post("/v1/tenants").then().statusCode(201);
        Instances.create(t, "vm");
        Instances.create(t, "other");
        PublicIps.allocate(t, "ip");
        PublicIps.allocate(t, "ip2");
        admin().body(attach("nope", List.of(tcp(22)))).post(path(t) + "/ip/attach").then().statusCode(422)
                .body("code", equalTo("instance_not_found")).body("instance", equalTo("nope"));
        admin().body(attach("vm", List.of(tcp(22)))).post(path(t) + "/nope/attach").then().statusCode(404)
                .body("code", equalTo("not_found"));
        admin().body(Map.of("name", "far", "region", "de-fra")).post(path(t)).then().statusCode(201)
                .body("address", org.hamcrest.Matchers.startsWith("192.0.2."));
        admin().body(attach("vm", List.of(tcp(22)))).post(path(t) + "/far/attach").then().statusCode(422)
                .body("code", equalTo("region_mismatch")).body("region", equalTo("de-fra")).body("instance_region", equalTo("fr-par"));
        PublicIps.release(t, "far"); // de-fra's two addresses are the tests' to share
        admin().body(Map.of("name", "none", "region", "nl-ams")).post(path(t)).then().statusCode(422)
                .body("code", equalTo("public_ips_not_offered")).body("region", equalTo("nl-ams"));
        admin().body(Map.of("name", "x", "region", "mars")).post(path(t)).then().statusCode(422)
                .body("code", equalTo("region_not_allowed"));

        admin().body(attach("vm", List.of(tcp(22)))).post(path(t) + "/ip/attach").then().statusCode(202);
        admin().body(attach("vm", List.of(tcp(22)))).post(path(t) + "/ip2/attach").then().statusCode(409)
                .body("code", equalTo("instance_has_public_ip")).body("public_ip", equalTo("ip"));
        admin().body(attach("other", List.of(tcp(22)))).post(path(t) + "/ip/attach").then().statusCode(409)
                .body("code", equalTo("public_ip_attached")).body("instance", equalTo("vm"));
        admin().delete(path(t) + "/ip").then().statusCode(409).body("code", equalTo("public_ip_attached"));
        admin().body(attach("vm", List.of(tcp(22), tcp(80)))).post(path(t) + "/ip/attach").then().statusCode(202)
                .body("ports.port", equalTo(List.of(22, 80)));
        admin().body(Map.of("name", "ip")).post(path(t)).then().statusCode(409).body("code", equalTo("already_exists"));
        admin().delete("/v1/tenants/" + t).then().statusCode(409).body("code", equalTo("tenant_not_empty"))
                .body("public_ips", equalTo(2));
    }

    @Test
    void withoutPortsTheFirewallsOpenPortsAreForwardedOrTheAttachSaysWhyNot() {
        String t = TestApi.createTenant();
        String nets = "/v1/tenants/" + t + "/networks";
        admin().body(Map.of("name", "lan", "cidr", "10.60.0.0/24", "firewall_rules", List.of(
                Map.of("protocol", "tcp", "ports", "22"), Map.of("protocol", "any", "ports", "8000-8001"),
                Map.of("protocol", "icmp")))).post(nets).then().statusCode(201);
        admin().body(Map.of("name", "open", "cidr", "10.61.0.0/24", "firewall_rules", List.of(Map.of("protocol", "udp"))))
                .post(nets).then().statusCode(201);
        Map<String, Object> vm = Instances.body("vm", 1, 512);
        vm.put("networks", List.of(Map.of("network", "lan")));
        admin().body(vm).post("/v1/tenants/" + t + "/instances").then().statusCode(201);
        Map<String, Object> wide = Instances.body("wide", 1, 512);
        wide.put("networks", List.of(Map.of("network", "lan"), Map.of("network", "open")));
        admin().body(wide).post("/v1/tenants/" + t + "/instances").then().statusCode(201);
        Instances.create(t, "bare");
        PublicIps.allocate(t, "ip");

        admin().body(Map.of("instance", "vm")).post(path(t) + "/ip/attach").then().statusCode(202)
                .body("ports", equalTo(List.of(tcp(22), tcp(8000), tcp(8001), udp(8000), udp(8001))));
        admin().body(Map.of("instance", "wide")).post(path(t) + "/ip/attach").then().statusCode(409)
                .body("code", equalTo("public_ip_attached"));
        admin().post(path(t) + "/ip/detach").then().statusCode(202);
        admin().body(Map.of("instance", "wide")).post(path(t) + "/ip/attach").then().statusCode(422)
                .body("code", equalTo("ports_required")).body("detail", org.hamcrest.Matchers.containsString("every udp port"));
        admin().body(Map.of("instance", "bare")).post(path(t) + "/ip/attach").then().statusCode(422)
                .body("code", equalTo("ports_required"));
        admin().get(path(t) + "/ip").then().statusCode(200).body("instance", nullValue());
    }

    @Test
    void theQuotaCountsAddressesAndConcurrentAllocationsGetDistinctAddresses() throws Exception {
        String t = TestApi.createTenant();
        admin().get("/v1/tenants/" + t).then().statusCode(200).body("quota.public_ips", equalTo(5));
        admin().body(Map.of("quota", Map.of("public_ips", 4))).patch("/v1/tenants/" + t).then().statusCode(200)
                .body("quota.public_ips", equalTo(4));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String name = "ip" + i;
                answers.add(pool.submit(() -> admin().body(Map.of("name", name)).post(path(t))));
            }
            List<String> addresses = new ArrayList<>();
            int refused = 0;
            for (Future<Response> f : answers) {
                Response r = f.get();
                if (r.statusCode() == 201) {
                    addresses.add(r.path("address"));
                } else {
                    r.then().statusCode(422).body("code", equalTo("quota_exceeded")).body("exceeded", equalTo(List.of("public_ips")))
                            .body("quota.public_ips", equalTo(4)).body("usage.public_ips", equalTo(4)).body("request.public_ips", equalTo(1));
                    refused++;
                }
            }
            assertEquals(4, addresses.size());
            assertEquals(2, refused);
            assertEquals(4, new HashSet<>(addresses).size(), "every address once: " + addresses);
        } finally {
            pool.shutdown();
        }
        admin().get("/v1/tenants/" + t + "/quota").then().statusCode(200).body("public_ips.limit", equalTo(4))
                .body("public_ips.used", equalTo(4)).body("public_ips.available", equalTo(0));
    }

    @Test
    void listsFilterReadsByIdEtagsAndDryRunsWorkAsForTheOtherKinds() {
        String t = TestApi.createTenant();
        Instances.create(t, "vm");
        String id = admin().body(Map.of("name", "a", "labels", Map.of("env", "ci"))).post(path(t)).then().statusCode(201)
                .header("ETag", notNullValue()).extract().path("id");
        PublicIps.allocate(t, "b");
        PublicIps.awaitPhase(t, "a", "allocated");
        PublicIps.awaitPhase(t, "b", "allocated");
        admin().queryParam("label_selector", "env=ci").get(path(t)).then().statusCode(200).body("items.name", equalTo(List.of("a")));
        admin().queryParam("limit", 1).get(path(t)).then().statusCode(200).body("items.name", equalTo(List.of("a")))
                .body("next_page_token", equalTo("a"));
        admin().queryParam("phase", "attached").get(path(t)).then().statusCode(200).body("items", equalTo(List.of()));
        admin().queryParam("phase", "pluto").get(path(t)).then().statusCode(400).body("errors[0].field", equalTo("phase"));
        admin().queryParam("created_before", "2000-01-01T00:00:00Z").get(path(t)).then().statusCode(200).body("items", equalTo(List.of()));
        admin().get(path(t) + "/by-id/" + id).then().statusCode(200).body("name", equalTo("a"));
        admin().get(path(t) + "/by-id/nope").then().statusCode(400).body("errors[0].field", equalTo("id"));

        String etag = admin().get(path(t) + "/a").then().statusCode(200).extract().header("ETag");
        admin().header("If-None-Match", etag).get(path(t) + "/a").then().statusCode(304);
        admin().header("If-Match", "\"stale\"").body(attach("vm", List.of(tcp(22)))).post(path(t) + "/a/attach").then()
                .statusCode(412).body("code", equalTo("precondition_failed"));
        admin().queryParam("dry_run", "true").body(attach("vm", List.of(tcp(22)))).post(path(t) + "/a/attach").then()
                .statusCode(200).header("Nuage-Dry-Run", "true").body("instance", equalTo("vm"));
        admin().queryParam("dry_run", "true").body(Map.of("name", "c")).post(path(t)).then().statusCode(200)
                .body("address", notNullValue());
        admin().get(path(t) + "/c").then().statusCode(404);
        admin().header("If-Match", etag).body(attach("vm", List.of(tcp(22)))).post(path(t) + "/a/attach").then().statusCode(202)
                .body("instance", equalTo("vm"));
        PublicIps.awaitPhase(t, "a", "attached");
        admin().queryParam("phase", "attached").get(path(t)).then().statusCode(200).body("items.name", equalTo(List.of("a")));
        admin().queryParam("since", 0).get("/v1/tenants/" + t + "/events").then().statusCode(200)
                .body("items.findAll { it.kind == 'public_ip' }.cause", hasItems("created", "changed", "observed"));
    }
}
