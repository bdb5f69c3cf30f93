package io.nuage.publicip;

import static io.nuage.api.TestApi.admin;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.nuage.support.Await;
import io.restassured.path.json.JsonPath;

/** Helpers for public address tests. */
final class PublicIps {

    private PublicIps() {
    }

    static String path(String tenant) {
        return "/v1/tenants/" + tenant + "/public-ips";
    }

    /** Allocates one and returns its address. */
    static String allocate(String tenant, String name) {
        return admin().body(Map.of("name", name)).post(path(tenant)).then().statusCode(201).extract().path("address");
    }

    /** Releases a detached address and waits until it is gone. */
    static void release(String tenant, String name) {
        admin().delete(path(tenant) + "/" + name).then().statusCode(202);
        Await.until(Duration.ofSeconds(30), name + " released", () -> admin().get(path(tenant) + "/" + name).statusCode() == 404);
    }

    static Map<String, Object> tcp(int port) {
        return Map.of("port", port, "protocol", "tcp");
    }

    static Map<String, Object> udp(int port) {
        return Map.of("port", port, "protocol", "udp");
    }

    static Map<String, Object> attach(String instance, List<Map<String, Object>> ports) {
        return Map.of("instance", instance, "ports", ports);
    }

    /** Waits (wait_for, at most 30 s) until the address is in that phase and has caught up with its last change. */
    static JsonPath awaitPhase(String tenant, String name, String phase) {
        Await.until(Duration.ofSeconds(30), tenant + "/" + name + " " + phase, () -> {
            JsonPath j = admin().queryParam("wait_for", phase).queryParam("timeout", "5s").get(path(tenant) + "/" + name)
                    .then().statusCode(200).extract().jsonPath();
            return phase.equals(j.getString("status.phase")) && j.getLong("status.observed_generation") == j.getLong("generation");
        });
        return admin().get(path(tenant) + "/" + name).then().statusCode(200).extract().jsonPath();
    }
}
