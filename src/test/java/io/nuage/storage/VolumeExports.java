package io.nuage.storage;

import static io.nuage.api.TestApi.admin;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;

/** Helpers for disk export tests. */
final class VolumeExports {

    private VolumeExports() {
    }

    static String path(String tenant, String volume) {
        return "/v1/tenants/" + tenant + "/volumes/" + volume;
    }

    /** A ready volume of 1 GiB. */
    static void readyVolume(String tenant, String volume) {
        Volumes.create(tenant, volume, 1);
        Volumes.awaitPhase(tenant, volume, "ready");
    }

    /** The export once in {@code phase}; fails when the wait ends in another (wait_for answers at once on failed). */
    static JsonPath await(String tenant, String volume, String id, String phase) {
        return admin().queryParam("wait_for", phase).queryParam("timeout", "60s").get(path(tenant, volume) + "/exports/" + id)
                .then().statusCode(200).body("phase", equalTo(phase)).extract().jsonPath();
    }
}
