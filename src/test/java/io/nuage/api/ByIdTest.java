package io.nuage.api;

import static io.nuage.api.TestApi.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.nuage.compute.Instances;
import io.nuage.support.Await;
import io.quarkus.test.junit.QuarkusTest;

/** GET .../{kind}/by-id/{id}: a tool tells the resource it made from another made under the same name since. */
@QuarkusTest
class ByIdTest {

    private static String id(String uri) {
        return admin().get(uri).then().statusCode(200).extract().path("id");
    }

    @Test
    void everyKindAnswersByIdAsByName() {
        String t = TestApi.createTenant();
        String base = "/v1/tenants/" + t;
        Instances.create(t, "vm");
        admin().body(Map.of("name", "net", "cidr", "10.78.0.0/24")).post(base + "/networks").then().statusCode(201);
        admin().body(Map.of("name", "vol", "size_gib", 1)).post(base + "/volumes").then().statusCode(201);
        admin().body(Map.of("name", "snap", "instance", "vm")).post(base + "/snapshots").then().statusCode(201);
        admin().body(Map.of("name", "tok", "role", "viewer")).post(base + "/tokens").then().statusCode(201);
        admin().body(Map.of("name", "img", "source", Map.of("registry", Instances.IMAGE))).post(base + "/images").then().statusCode(201);
        for (String path : new String[] { "instances/vm", "networks/net", "volumes/vol", "snapshots/snap", "tokens/tok", "images/img" }) {
            String kind = path.substring(0, path.indexOf('/'));
            String id = id(base + "/" + path);
            admin().get(base + "/" + kind + "/by-id/" + id).then().statusCode(200)
                    .header("ETag", org.hamcrest.Matchers.notNullValue())
                    .body("id", equalTo(id)).body("name", equalTo(path.substring(path.indexOf('/') + 1)));
            admin().get(base + "/" + kind + "/by-id/" + id.toUpperCase()).then().statusCode(200);
        }
    }

    @Test
    void anIdOfAnotherTenantOrUnknownAnswers404AndAMalformedOne400() {
        String a = TestApi.createTenant();
        String b = TestApi.createTenant();
        Instances.create(a, "vm");
        String id = id("/v1/tenants/" + a + "/instances/vm");
        admin().get("/v1/tenants/" + b + "/instances/by-id/" + id).then().statusCode(404).body("code", equalTo("not_found"));
        String viewer = TestApi.token(b, "viewer");
        TestApi.as(viewer).get("/v1/tenants/" + a + "/instances/by-id/" + id).then().statusCode(404);
        admin().get("/v1/tenants/" + a + "/instances/by-id/" + java.util.UUID.randomUUID()).then().statusCode(404);
        for (String bad : new String[] { "vm", "1-2-3-4-5", id + "0" }) {
            admin().get("/v1/tenants/" + a + "/instances/by-id/" + bad).then().statusCode(400)
                    .body("code", equalTo("validation_failed")).body("errors[0].field", equalTo("id"));
        }
    }

    @Test
    void afterDeleteAndRecreateTheOldIdIsGoneAndTheNameIsTheNewOne() {
        String t = TestApi.createTenant();
        String base = "/v1/tenants/" + t + "/networks";
        admin().body(Map.of("name", "n", "cidr", "10.79.0.0/24")).post(base).then().statusCode(201);
        String first = id(base + "/n");
        admin().delete(base + "/n").then().statusCode(202);
        Await.until(Duration.ofSeconds(30), "network n gone", () -> admin().get(base + "/n").statusCode() == 404);
        admin().body(Map.of("name", "n", "cidr", "10.79.0.0/24")).post(base).then().statusCode(201);
        String second = id(base + "/n");
        assertNotEquals(first, second);
        admin().get(base + "/by-id/" + first).then().statusCode(404);
        admin().get(base + "/by-id/" + second).then().statusCode(200).body("name", equalTo("n"));
    }

    /** by-id is a literal segment: an instance of that name is still reached by name, with its actions. */
    @Test
    void aResourceNamedByIdIsStillReachedByName() {
        String t = TestApi.createTenant();
        String uri = "/v1/tenants/" + t + "/instances/by-id";
        Instances.create(t, "by-id");
        admin().get(uri).then().statusCode(200).body("name", equalTo("by-id"));
        admin().body(Map.of("labels", Map.of("a", "b"))).patch(uri).then().statusCode(200);
        admin().post(uri + "/stop").then().statusCode(202).body("running", equalTo(false));
        admin().post(uri + "/start").then().statusCode(202).body("running", equalTo(true));
        admin().post(uri + "/restart").then().statusCode(202);
        admin().body(Map.of("name", "by-id", "instance", "by-id")).post("/v1/tenants/" + t + "/snapshots").then().statusCode(201);
        admin().get("/v1/tenants/" + t + "/snapshots/by-id").then().statusCode(200);
        admin().delete(uri).then().statusCode(202);
    }
}
