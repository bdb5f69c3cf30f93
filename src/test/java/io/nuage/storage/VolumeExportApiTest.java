package io.nuage.storage;

import static io.nuage.api.TestApi.admin;
import static io.nuage.storage.VolumeExports.path;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.nuage.api.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The disk export API: what a tenant is answered, and what is kept of the token. */
@QuarkusTest
class VolumeExportApiTest {

    @Inject
    Pool pool;

    @Test
    void aCreateAnswers202WithTheTokenOnceAndTheTtl() {
        String t = TestApi.createTenant();
        VolumeExports.readyVolume(t, "os");
        var created = admin().body(Map.of("ttl_seconds", 600)).post(path(t, "os") + "/export").then().statusCode(202)
                .header("ETag", notNullValue())
                .body("volume", equalTo("os")).body("phase", equalTo("pending")).body("ttl_seconds", equalTo(600))
                .body("links", hasSize(0)).body("token", matchesPattern("[A-Za-z0-9_-]{43}"))
                .extract().jsonPath();
        String id = created.getString("id");
        String token = created.getString("token");
        Duration ttl = Duration.between(Instant.parse(created.getString("created_at")), Instant.parse(created.getString("expires_at")));
        assertEquals(Duration.ofSeconds(600), ttl);

        admin().get(path(t, "os") + "/exports/" + id).then().statusCode(200).body("id", equalTo(id)).body("token", nullValue());
        admin().get(path(t, "os") + "/exports").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].id", equalTo(id)).body("items[0].token", nullValue());
        // Kept sealed: the plain token is nowhere in the row.
        var row = pool.preparedQuery("SELECT encode(token_sealed, 'escape') AS sealed FROM volume_exports WHERE id = $1::uuid")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next();
        assertFalse(row.getString("sealed").contains(token));
    }

    @Test
    void withoutABodyTheTtlIsAnHour() {
        String t = TestApi.createTenant();
        VolumeExports.readyVolume(t, "os");
        admin().post(path(t, "os") + "/export").then().statusCode(202).body("ttl_seconds", equalTo(3600));
    }

    @Test
    /** Out of bounds is a malformed body, as for every bound of the API (400, not 422: the contract says so for all). */
    void aTtlOutOfBoundsAnswers400NamingIt() {
        String t = TestApi.createTenant();
        VolumeExports.readyVolume(t, "os");
        for (int ttl : new int[] { 59, 604_801, 0, -1 }) {
            admin().body(Map.of("ttl_seconds", ttl)).post(path(t, "os") + "/export").then().statusCode(400)
                    .body("code", equalTo("validation_failed")).body("errors[0].field", equalTo("ttl_seconds"));
        }
        admin().get(path(t, "os") + "/exports").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void anUnknownVolumeAnswers404AndAVolumeNotReadyFailedOrDeleting409() {
        String t = TestApi.createTenant();
        admin().post(path(t, "nope") + "/export").then().statusCode(404).body("code", equalTo("not_found"));
        admin().get(path(t, "nope") + "/exports").then().statusCode(404);
        Volumes.create(t, "fresh", 1); // imported for a second (the simulator's import delay)
        admin().post(path(t, "fresh") + "/export").then().statusCode(409).body("code", equalTo("volume_not_ready"));
        admin().body(Map.of("name", "broken", "size_gib", 1, "source", Map.of("image_url", "https://images.invalid/x.img")))
                .post("/v1/tenants/" + t + "/volumes").then().statusCode(201);
        Volumes.awaitPhase(t, "broken", "failed");
        admin().post(path(t, "broken") + "/export").then().statusCode(409).body("code", equalTo("volume_failed"));
        VolumeExports.readyVolume(t, "gone");
        admin().delete("/v1/tenants/" + t + "/volumes/gone").then().statusCode(202);
        admin().post(path(t, "gone") + "/export").then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(409), equalTo(404)));
    }

    @Test
    void aViewerReadsButCannotExportAndAnotherTenantSeesNothing() {
        String t = TestApi.createTenant();
        VolumeExports.readyVolume(t, "os");
        String id = admin().post(path(t, "os") + "/export").then().statusCode(202).extract().path("id");
        String viewer = TestApi.token(t, "viewer");
        TestApi.as(viewer).post(path(t, "os") + "/export").then().statusCode(403);
        TestApi.as(viewer).get(path(t, "os") + "/exports/" + id).then().statusCode(200);
        String other = TestApi.createTenant();
        TestApi.as(TestApi.token(other, "member")).get(path(t, "os") + "/exports/" + id).then().statusCode(404);
        admin().get(path(t, "os") + "/exports/not-an-id").then().statusCode(400).body("errors[0].field", equalTo("id"));
        admin().get(path(t, "os") + "/exports/" + java.util.UUID.randomUUID()).then().statusCode(404);
    }
}
