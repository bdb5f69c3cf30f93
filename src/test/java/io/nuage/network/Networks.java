package io.nuage.network;

import static io.nuage.api.TestApi.admin;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.nuage.api.TestApi;
import io.nuage.compute.Instances;
import io.nuage.support.Await;
import io.restassured.path.json.JsonPath;

/** Helpers for network tests. */
final class Networks {

    private Networks() {
    }

    static Map<String, Object> body(String name, String cidr) {
        Map<String, Object> b = new HashMap<>();
        b.put("name", name);
        b.put("cidr", cidr);
        return b;
    }

    static void create(String tenant, String name, String cidr) {
        admin().body(body(name, cidr)).post(path(tenant)).then().statusCode(201);
    }

    static String path(String tenant) {
        return "/v1/tenants/" + tenant + "/networks";
    }

    static JsonPath get(String tenant, String name) {
        return admin().get(path(tenant) + "/" + name).then().extract().jsonPath();
    }

    /** A tenant allowed {@code instances} small instances. */
    static String tenantFor(int instances) {
        String t = TestApi.createTenant();
        admin().body(Map.of("quota", Map.of("vcpus", instances, "memory_mib", instances * 128, "instances", instances)))
                .patch("/v1/tenants/" + t).then().statusCode(200);
        return t;
    }

    /** A stopped (so cheap for the simulated cluster) 1 vCPU / 128 MiB instance body on these networks. */
    static Map<String, Object> instance(String name, List<Map<String, Object>> networks) {
        Map<String, Object> b = Instances.body(name, 1, 128);
        b.put("running", false);
        b.put("networks", networks);
        return b;
    }

    static Map<String, Object> nic(String network) {
        return Map.of("network", network);
    }

    static Map<String, Object> nic(String network, String ip) {
        return Map.of("network", network, "ip", ip);
    }

    static String instancesPath(String tenant) {
        return "/v1/tenants/" + tenant + "/instances";
    }

    static JsonPath awaitReady(String tenant, String name) {
        Await.until(Duration.ofSeconds(30), tenant + "/" + name + " ready", () -> {
            JsonPath j = get(tenant, name);
            return "ready".equals(j.getString("status.phase"))
                    && j.getLong("status.observed_generation") == j.getLong("generation");
        });
        return get(tenant, name);
    }
}
