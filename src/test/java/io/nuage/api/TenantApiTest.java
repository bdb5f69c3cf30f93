package io.nuage.api;

import static io.nuage.api.TestApi.admin;
import static io.nuage.api.TestApi.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.nuage.reconciler.Cluster;
import io.nuage.reconciler.ClusterNamespaces;
import io.nuage.support.Await;
import io.nuage.tenancy.TenantNamespaces;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TenantApiTest {

    @Inject
    Cluster cluster;
    @Inject
    TenantNamespaces namespaces;
    @Inject
    ClusterNamespaces clusterNamespaces;

    private static final String RFC3339_UTC = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z";

    @Test
    void createWithDefaultsThenGet() {
        String name = unique("acme");
        admin().body(Map.of("name", name)).post("/v1/tenants").then()
                .statusCode(201)
                .header("Location", endsWith("/v1/tenants/" + name))
                .body("name", equalTo(name))
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("quota.vcpus", equalTo(16))
                .body("quota.memory_mib", equalTo(65536))
                .body("quota.storage_gib", equalTo(1000))
                .body("quota.instances", equalTo(20))
                .body("regions", equalTo(List.of("fr-par")))
                .body("sla_target", equalTo(99.9f))
                .body("labels", equalTo(Map.of()))
                .body("created_at", matchesPattern(RFC3339_UTC));

        admin().get("/v1/tenants/" + name).then().statusCode(200).body("name", equalTo(name));
    }

    @Test
    void createWithEverything() {
        String name = unique("full");
        admin().body(Map.of("name", name, "display_name", "Full Corp", "labels", Map.of("env", "prod"),
                "quota", Map.of("vcpus", 4, "memory_mib", 8192, "storage_gib", 100, "instances", 3),
                "regions", List.of("fr-par", "nl-ams"), "sla_target", 99.95))
                .post("/v1/tenants").then().statusCode(201)
                .body("display_name", equalTo("Full Corp"))
                .body("labels.env", equalTo("prod"))
                .body("quota.vcpus", equalTo(4))
                .body("quota.instances", equalTo(3))
                .body("regions", equalTo(List.of("fr-par", "nl-ams")))
                .body("sla_target", equalTo(99.95f));
    }

    @Test
    void duplicateNameIsConflict() {
        String name = TestApi.createTenant();
        admin().body(Map.of("name", name)).post("/v1/tenants").then()
                .statusCode(409).body("code", equalTo("already_exists"));
    }

    @Test
    void invalidFieldsAreAllListed() {
        admin().body(Map.of("name", "Not_A_Slug", "regions", List.of("mars"), "sla_target", 99.999,
                "quota", Map.of("vcpus", -1), "labels", Map.of("bad key!", "v")))
                .post("/v1/tenants").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("validation_failed"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("regions[0]"))
                .body("errors.field", hasItem("sla_target"))
                .body("errors.field", hasItem("quota.vcpus"))
                .body("errors.field", hasItem("labels.bad key!"));
    }

    @Test
    void slaTargetOutsideTheOfferIsRejected() {
        admin().body(Map.of("name", unique("sla"), "sla_target", 97.5)).post("/v1/tenants").then()
                .statusCode(400).body("errors[0].field", equalTo("sla_target"));
    }

    @Test
    void missingNameIsRejected() {
        admin().body(Map.of("display_name", "x")).post("/v1/tenants").then()
                .statusCode(400).body("errors[0].field", equalTo("name")).body("errors[0].message", equalTo("is required"));
    }

    @Test
    void patchChangesOnlyWhatIsSent() {
        String name = TestApi.createTenant();
        admin().body(Map.of("quota", Map.of("vcpus", 32), "sla_target", 99.99, "labels", Map.of("team", "infra")))
                .patch("/v1/tenants/" + name).then().statusCode(200)
                .body("quota.vcpus", equalTo(32))
                .body("quota.memory_mib", equalTo(65536))
                .body("sla_target", equalTo(99.99f))
                .body("labels.team", equalTo("infra"))
                .body("regions", equalTo(List.of("fr-par")));
        admin().get("/v1/tenants/" + name).then().body("quota.vcpus", equalTo(32));
    }

    @Test
    void patchCannotRename() {
        String name = TestApi.createTenant();
        admin().body(Map.of("name", "other")).patch("/v1/tenants/" + name).then()
                .statusCode(400).body("errors[0].field", equalTo("name"));
    }

    @Test
    void patchUnknownTenantIsNotFound() {
        admin().body(Map.of("display_name", "x")).patch("/v1/tenants/no-such-tenant").then()
                .statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void deleteLeavesNothingVisibleAndFreesTheName() {
        String name = TestApi.createTenant();
        String token = TestApi.token(name, "member");
        admin().delete("/v1/tenants/" + name).then().statusCode(204);
        admin().get("/v1/tenants/" + name).then().statusCode(404);
        admin().delete("/v1/tenants/" + name).then().statusCode(404);
        // The tenant's tokens die with it.
        TestApi.as(token).get("/v1/tenants/" + name).then().statusCode(401);
        // The name may be taken again; the new tenant is a different one.
        admin().body(Map.of("name", name)).post("/v1/tenants").then().statusCode(201);
    }

    @Test
    void listPagesThroughAllTenantsInNameOrder() {
        String a = TestApi.createTenant();
        String b = TestApi.createTenant();
        admin().queryParam("limit", 500).get("/v1/tenants").then().statusCode(200)
                .body("items.name", hasItem(a)).body("items.name", hasItem(b));

        String next = admin().queryParam("limit", 1).get("/v1/tenants").then().statusCode(200)
                .body("items", hasSize(1)).body("next_page_token", notNullValue())
                .extract().path("next_page_token");
        admin().queryParam("limit", 1).queryParam("page_token", next).get("/v1/tenants").then()
                .statusCode(200).body("items", hasSize(1))
                .body("items[0].name", org.hamcrest.Matchers.greaterThan(next));
    }

    @Test
    void badLimitIsRejected() {
        admin().queryParam("limit", "many").get("/v1/tenants").then()
                .statusCode(400).body("errors[0].field", equalTo("limit"));
        admin().queryParam("limit", 0).get("/v1/tenants").then().statusCode(400);
    }

    @Test
    void lastPageHasNoToken() {
        admin().queryParam("limit", 500).get("/v1/tenants").then().statusCode(200)
                .body("next_page_token", nullValue());
    }

    @Test
    void mergePatchMediaTypeIsAccepted() {
        String name = TestApi.createTenant();
        admin().contentType("application/merge-patch+json").body("{\"display_name\":\"Merged\"}")
                .patch("/v1/tenants/" + name).then().statusCode(200).body("display_name", equalTo("Merged"));
    }

    @Test
    void namesOfNuageAndTheClusterAreReserved() {
        for (String name : List.of("system", "default", "kube", "kube-system", "nuage", "nuage-system")) {
            admin().body(Map.of("name", name)).post("/v1/tenants").then()
                    .statusCode(422)
                    .contentType("application/problem+json")
                    .body("code", equalTo("name_reserved"))
                    .body("detail", containsString("'" + name + "'"));
        }
        admin().get("/v1/tenants/system").then().statusCode(404);
    }

    @Test
    void aNamespaceNuageDidNotMakeIsNeverTaken() {
        String name = unique("taken");
        Map<String, String> theirs = Map.of("team", "someone-else");
        cluster.client().resource(new NamespaceBuilder().withNewMetadata().withName("nuage-" + name).withLabels(theirs)
                .endMetadata().build()).create();
        Await.until(Duration.ofSeconds(10), "the watch shows the namespace", () -> namespaces.takenFor(name).isPresent());

        admin().body(Map.of("name", name)).post("/v1/tenants").then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("namespace_taken"))
                .body("namespace", equalTo("nuage-" + name));
        admin().get("/v1/tenants/" + name).then().statusCode(404);
        assertEquals(theirs, cluster.client().namespaces().withName("nuage-" + name).get().getMetadata().getLabels());
    }

    @Test
    void aTenantsOwnNamespaceIsNotTakenFromIt() {
        String name = TestApi.createTenant();
        Await.until(Duration.ofSeconds(30), "the watch shows the tenant's namespace", () -> clusterNamespaces.get("nuage-" + name) != null);
        assertEquals(Optional.empty(), namespaces.takenFor(name));

        admin().body(Map.of("name", name)).post("/v1/tenants").then().statusCode(409).body("code", equalTo("already_exists"));
    }

    @Test
    void problemDocumentsNameTheRequestPath() {
        admin().get("/v1/tenants/ghost").then().statusCode(404)
                .body("instance", equalTo("/v1/tenants/ghost"))
                .body("detail", containsString("ghost"))
                .body("type", equalTo("urn:nuage:problem:not_found"));
    }
}
