package io.nuage.storage;

import static io.nuage.api.TestApi.admin;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.nuage.support.Await;
import io.restassured.path.json.JsonPath;

/** Helpers for volume tests. */
public final class Volumes {

    private Volumes() {
    }

    public static Map<String, Object> body(String name, int sizeGib) {
        Map<String, Object> b = new HashMap<>();
        b.put("name", name);
        b.put("size_gib", sizeGib);
        return b;
    }

    public static void create(String tenant, String name, int sizeGib) {
        admin().body(body(name, sizeGib)).post("/v1/tenants/" + tenant + "/volumes").then().statusCode(201);
    }

    public static JsonPath get(String tenant, String name) {
        return admin().get("/v1/tenants/" + tenant + "/volumes/" + name).then().extract().jsonPath();
    }

    /** Waits until the volume reports this phase and has caught up with its last change. */
    public static JsonPath awaitPhase(String tenant, String name, String phase) {
        Await.until(Duration.ofSeconds(30), "volume " + tenant + "/" + name + " " + phase, () -> {
            JsonPath j = get(tenant, name);
            return phase.equals(j.getString("status.phase"))
                    && j.getLong("status.observed_generation") == j.getLong("generation");
        });
        return get(tenant, name);
    }
}
