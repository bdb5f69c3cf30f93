package io.nuage.compute;

import static io.nuage.api.TestApi.admin;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.nuage.support.Await;
import io.restassured.path.json.JsonPath;

/** Helpers for instance tests. */
public final class Instances {

    public static final String IMAGE = "quay.io/containerdisks/fedora:41";

    private Instances() {
    }

    public static Map<String, Object> body(String name, int vcpus, int memoryMib) {
        Map<String, Object> b = new HashMap<>();
        b.put("name", name);
        b.put("vcpus", vcpus);
        b.put("memory_mib", memoryMib);
        b.put("image", IMAGE);
        return b;
    }

    public static void create(String tenant, String name) {
        admin().body(body(name, 1, 512)).post("/v1/tenants/" + tenant + "/instances").then().statusCode(201);
    }

    public static JsonPath get(String tenant, String name) {
        return admin().get("/v1/tenants/" + tenant + "/instances/" + name).then().extract().jsonPath();
    }

    /** Waits until the instance reports this phase, and has caught up with its last change. */
    public static JsonPath awaitPhase(String tenant, String name, String phase) {
        Await.until(Duration.ofSeconds(30), tenant + "/" + name + " " + phase, () -> {
            JsonPath j = get(tenant, name);
            return phase.equals(j.getString("status.phase"))
                    && j.getLong("status.observed_generation") == j.getLong("generation");
        });
        return get(tenant, name);
    }
}
