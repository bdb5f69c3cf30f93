package io.nuage.image;

import static io.nuage.api.TestApi.admin;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.nuage.support.Await;
import io.restassured.path.json.JsonPath;

/** Helpers for image tests: bodies, and waiting for a phase at an image's URI. */
final class Images {

    static final String CHECKSUM = "sha256:" + "5b1c0a4d".repeat(8);

    private Images() {
    }

    static Map<String, Object> fromUrl(String name, String url) {
        Map<String, Object> b = new HashMap<>();
        b.put("name", name);
        b.put("source", Map.of("image_url", url));
        return b;
    }

    static JsonPath get(String uri) {
        return admin().get(uri).then().extract().jsonPath();
    }

    /** Waits until the image at {@code uri} reports this phase and has caught up with its last change. */
    static JsonPath awaitPhase(String uri, String phase) {
        Await.until(Duration.ofSeconds(30), uri + " " + phase, () -> {
            JsonPath j = get(uri);
            return phase.equals(j.getString("status.phase")) && j.getLong("status.observed_generation") == j.getLong("generation");
        });
        return get(uri);
    }
}
