package io.nuage.tenancy;

import static io.nuage.api.TestApi.admin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import java.time.Instant;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.nuage.api.TestApi;
import io.nuage.errors.NuageError;
import io.nuage.image.ImageSpec;
import io.nuage.image.ImageStore;
import io.nuage.network.NetworkSpec;
import io.nuage.network.NetworkStore;
import io.nuage.storage.VolumeSource;
import io.nuage.storage.VolumeSpec;
import io.nuage.storage.VolumeStore;
import io.smallrye.mutiny.Uni;
import io.nuage.compute.Instances;
import io.nuage.support.Await;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Residency as a user sees it: every resource shows its region and country, nothing lives outside the tenant's regions
 * (the operator's token included), what an instance uses shares its region, its VM runs on a node of that region, and
 * the tenant's regions shrink only by regions it has left.
 */
@QuarkusTest
class ResidencyTest {

    @Inject
    TenantStore tenants;

    @Inject
    VolumeStore volumes;

    @Inject
    NetworkStore networks;

    @Inject
    ImageStore images;

    @Test
    void eachKindOutsideTheTenantsRegionsIsRefusedEvenToTheOperator() {
        String t = tenant(List.of("fr-par"));
        Map<String, Map<String, Object>> bodies = Map.of(
                "instances", withRegion(Instances.body("web", 1, 512), "nl-ams"),
                "volumes", withRegion(Map.of("name", "data", "size_gib", 1), "nl-ams"),
                "networks", withRegion(Map.of("name", "lan", "cidr", "10.1.0.0/24"), "nl-ams"),
                "images", withRegion(Map.of("name", "base", "source", Map.of("image_url", "https://images.example.org/base.qcow2")), "nl-ams"),
                "public-ips", withRegion(Map.of("name", "ip"), "de-fra"));
        bodies.forEach((kind, body) -> admin().body(body).post(path(t, kind)).then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("region_not_allowed"))
                .body("allowed_regions", contains("fr-par")));
        bodies.keySet().forEach(kind -> admin().get(path(t, kind)).then().statusCode(200).body("items", equalTo(List.of())));
    }

    @Test
    void everyResourceShowsItsRegionAndCountry() {
        String t = tenant(List.of("fr-par", "nl-ams"));
        admin().body(withRegion(Map.of("name", "data", "size_gib", 1), "nl-ams")).post(path(t, "volumes")).then().statusCode(201)
                .body("region", equalTo("nl-ams")).body("country", equalTo("NL"));
        admin().body(Map.of("name", "lan", "cidr", "10.1.0.0/24")).post(path(t, "networks")).then().statusCode(201)
                .body("region", equalTo("fr-par")).body("country", equalTo("FR"));
        admin().body(Instances.body("web", 1, 512)).post(path(t, "instances")).then().statusCode(201)
                .body("region", equalTo("fr-par")).body("country", equalTo("FR"));
        admin().body(Map.of("name", "ip")).post(path(t, "public-ips")).then().statusCode(201)
                .body("region", equalTo("fr-par")).body("country", equalTo("FR"));
    }

    @Test
    void aRegionCannotChange() {
        String t = tenant(List.of("fr-par", "nl-ams"));
        admin().body(Map.of("name", "data", "size_gib", 1)).post(path(t, "volumes")).then().statusCode(201);
        admin().body(Map.of("name", "lan", "cidr", "10.1.0.0/24")).post(path(t, "networks")).then().statusCode(201);
        for (String kind : List.of("volumes/data", "networks/lan")) {
            admin().body(Map.of("region", "nl-ams")).patch(path(t, kind)).then().statusCode(422)
                    .body("code", equalTo("immutable_field")).body("errors[0].field", equalTo("region"));
            admin().body(Map.of("region", "fr-par")).patch(path(t, kind)).then().statusCode(200);
        }
    }

    @Test
    void anInstanceUsesOnlyVolumesNetworksAndImagesOfItsRegion() {
        String t = tenant(List.of("fr-par", "nl-ams"));
        admin().body(withRegion(Map.of("name", "ams-data", "size_gib", 1), "nl-ams")).post(path(t, "volumes")).then().statusCode(201);
        admin().body(withRegion(Map.of("name", "ams-lan", "cidr", "10.1.0.0/24"), "nl-ams")).post(path(t, "networks")).then()
                .statusCode(201);
        admin().body(Map.of("name", "par-image", "source", Map.of("image_url", "https://images.example.org/base.qcow2")))
                .post(path(t, "images")).then().statusCode(201).body("region", equalTo("fr-par"));
        Instances.create(t, "par-1");

        admin().body(Map.of("volume", "ams-data")).post(path(t, "instances/par-1/volumes")).then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("region_mismatch"))
                .body("region", equalTo("nl-ams")).body("other_region", equalTo("fr-par"));
        Map<String, Object> nic = Instances.body("par-2", 1, 512);
        nic.put("networks", List.of(Map.of("network", "ams-lan")));
        admin().body(nic).post(path(t, "instances")).then().statusCode(422).body("code", equalTo("region_mismatch"))
                .body("detail", equalTo("Network 'ams-lan' is in region 'nl-ams', instance 'par-2' in 'fr-par': both must be in"
                        + " the same region"));
        Map<String, Object> withVolume = withRegion(Instances.body("ams-1", 1, 512), "fr-par");
        withVolume.put("volumes", List.of("ams-data"));
        admin().body(withVolume).post(path(t, "instances")).then().statusCode(422).body("code", equalTo("region_mismatch"));
        Map<String, Object> booted = withRegion(Instances.body("ams-2", 1, 512), "nl-ams");
        booted.remove("image");
        booted.put("boot", Map.of("image", "par-image"));
        admin().body(booted).post(path(t, "instances")).then().statusCode(422).body("code", equalTo("region_mismatch"))
                .body("region", equalTo("fr-par")).body("other_region", equalTo("nl-ams"));

        Map<String, Object> same = withRegion(Instances.body("ams-3", 1, 512), "nl-ams");
        same.put("networks", List.of(Map.of("network", "ams-lan")));
        same.put("volumes", List.of("ams-data"));
        admin().body(same).post(path(t, "instances")).then().statusCode(201).body("region", equalTo("nl-ams"));
    }

    @Test
    void theVmRunsOnANodeOfItsRegionWhichResidencyShows() {
        String t = tenant(List.of("fr-par", "nl-ams"));
        admin().body(withRegion(Instances.body("web", 1, 512), "nl-ams")).post(path(t, "instances")).then().statusCode(201);
        admin().body(Map.of("name", "data", "size_gib", 1)).post(path(t, "volumes")).then().statusCode(201);
        Await.until(Duration.ofSeconds(30), "web on a node", () -> Instances.get(t, "web").getString("status.node") != null);
        admin().get(path(t, "instances/web")).then().body("status.node", matchesPattern("nl-ams-node-[123]"));

        String viewer = TestApi.token(t, "viewer");
        TestApi.as(viewer).get(path(t, "residency")).then().statusCode(200)
                .body("items.kind", contains("instance", "volume"))
                .body("items[0].name", equalTo("web")).body("items[0].region", equalTo("nl-ams"))
                .body("items[0].country", equalTo("NL")).body("items[0].cluster", equalTo("local"))
                .body("items[0].node", matchesPattern("nl-ams-node-[123]"))
                .body("items[1].region", equalTo("fr-par")).body("items[1].country", equalTo("FR")).body("items[1].node", nullValue());
        TestApi.as(viewer).queryParam("region", "fr-par").get(path(t, "residency")).then().body("items.name", contains("data"));
        TestApi.as(viewer).queryParam("kind", "instance").get(path(t, "residency")).then().body("items.name", contains("web"));
        TestApi.as(viewer).queryParam("limit", 1).get(path(t, "residency")).then().body("items.name", contains("web"))
                .body("next_page_token", equalTo("instance/web"));
        TestApi.as(viewer).queryParam("page_token", "instance/web").get(path(t, "residency")).then().body("items.name", contains("data"));
        TestApi.as(viewer).queryParam("kind", "vm").get(path(t, "residency")).then().statusCode(400)
                .body("errors[0].field", equalTo("kind"));
    }

    @Test
    void theTenantsRegionsShrinkOnlyByRegionsItHasLeft() {
        String t = tenant(List.of("fr-par", "nl-ams"));
        admin().body(withRegion(Map.of("name", "data", "size_gib", 1), "nl-ams")).post(path(t, "volumes")).then().statusCode(201);

        admin().body(Map.of("regions", List.of("fr-par"))).patch("/v1/tenants/" + t).then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("region_in_use"))
                .body("regions", contains("nl-ams")).body("resources.name", contains("data"))
                .body("resources.kind", contains("volume"));
        admin().body(Map.of("regions", List.of("fr-par", "nl-ams", "mars"))).patch("/v1/tenants/" + t).then().statusCode(422)
                .body("code", equalTo("region_not_allowed")).body("errors.field", hasItem("regions[2]"));
        admin().body(Map.of("regions", List.of("nl-ams", "de-fra"))).patch("/v1/tenants/" + t).then().statusCode(200)
                .body("regions", contains("nl-ams", "de-fra"));
        // The default region follows: the tenant's first.
        admin().body(Map.of("name", "lan", "cidr", "10.1.0.0/24")).post(path(t, "networks")).then().statusCode(201)
                .body("region", equalTo("nl-ams"));
        admin().body(withRegion(Map.of("name", "old", "size_gib", 1), "fr-par")).post(path(t, "volumes")).then().statusCode(422)
                .body("code", equalTo("region_not_allowed"));
    }

    /**
     * A create checks its region before its transaction; one that did so just before the operator removed the region
     * must still be refused once it holds the tenant row: here with the tenant as the create read it, before the PATCH.
     */
    @Test
    void aCreateThatReadTheRegionsBeforeTheOperatorNarrowedThemIsRefused() {
        String t = tenant(List.of("fr-par", "nl-ams"));
        Tenant before = tenants.find(t).await().atMost(Duration.ofSeconds(10));
        admin().body(Map.of("regions", List.of("fr-par"))).patch("/v1/tenants/" + t).then().statusCode(200);
        Instant now = Instant.now();
        Map<String, Supplier<Uni<?>>> creates = Map.of(
                "volumes", () -> volumes.create(before, new VolumeSpec("data", 1, null, VolumeSource.blankSource(), Map.of(), "nl-ams"), now),
                "networks", () -> networks.create(before, new NetworkSpec("lan", "10.1.0.0/24", "10.1.0.1", List.of(), List.of(),
                        Map.of(), "nl-ams"), now),
                "images", () -> images.create(before, new ImageSpec("base", 1, VolumeSource.of(VolumeSource.Type.IMAGE_URL,
                        "https://images.example.org/base.qcow2", null), null, null, null, Map.of(), "nl-ams"), now));
        creates.forEach((kind, create) -> {
            NuageError refused = assertThrows(NuageError.class, () -> create.get().await().atMost(Duration.ofSeconds(10)), kind);
            assertEquals("region_not_allowed", refused.code(), kind + ": " + refused.getMessage());
            admin().get(path(t, kind)).then().statusCode(200).body("items", equalTo(List.of()));
        });
    }

    private static String tenant(List<String> regions) {
        String name = TestApi.unique("res");
        admin().body(Map.of("name", name, "regions", regions)).post("/v1/tenants").then().statusCode(201);
        return name;
    }

    private static Map<String, Object> withRegion(Map<String, Object> body, String region) {
        Map<String, Object> b = new HashMap<>(body);
        b.put("region", region);
        return b;
    }

    private static String path(String tenant, String kind) {
        return "/v1/tenants/" + tenant + "/" + kind;
    }
}
