package io.nuage.image;

import static io.nuage.api.TestApi.admin;
import static io.nuage.api.TestApi.as;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nuage.api.TestApi;
import io.nuage.kubevirt.DataSource;
import io.nuage.kubevirt.DataVolume;
import io.nuage.kubevirt.DataVolumeSource;
import io.nuage.kubevirt.DesiredImage;
import io.nuage.kubevirt.ImageObjects;
import io.nuage.kubevirt.Labels;
import io.nuage.reconciler.Cluster;
import io.nuage.reconciler.Installation;
import io.nuage.reconciler.Resync;
import io.nuage.support.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The operator's catalog: what an image becomes in the cluster, who may write and read it, and its deletion. */
@QuarkusTest
class ImageCatalogTest {

    private static final String NAMESPACE = "nuage-images";

    @Inject
    Cluster cluster;

    @Inject
    Installation installation;

    @Inject
    Resync resync;

    private KubernetesClient k8s() {
        return cluster.client();
    }

    @Test
    void aCatalogImageIsImportedOnceAndPublishedAsADataSource() {
        String name = TestApi.unique("fedora");
        Map<String, Object> body = Images.fromUrl(name, "https://images.example.org/fedora-41.qcow2");
        body.put("size_gib", 3);
        body.put("checksum", Images.CHECKSUM);
        body.put("os", "fedora-41");
        String id = admin().body(body).post("/v1/images").then().statusCode(201)
                .header("Location", endsWith("/v1/images/" + name)).header("ETag", not(nullValue()))
                .body("status.phase", equalTo("pending")).body("size_gib", equalTo(3)).body("checksum", equalTo(Images.CHECKSUM))
                .body("status.checksum", nullValue()).extract().path("id");
        String uri = "/v1/images/" + name;

        Await.until(Duration.ofSeconds(30), "import progress under 100 %", () -> {
            JsonPath j = Images.get(uri);
            return "importing".equals(j.getString("status.phase")) && j.get("status.progress") != null
                    && j.getDouble("status.progress") < 100;
        });
        DataVolume dv = k8s().resources(DataVolume.class).inNamespace(NAMESPACE).withName(name).get();
        assertEquals("https://images.example.org/fedora-41.qcow2", dv.getSpec().source.http.url);
        assertEquals(Images.CHECKSUM, dv.getSpec().source.http.checksum, "CDI's importer checks the download against it");
        assertEquals("3Gi", dv.getSpec().storage.resources.getRequests().get("storage").toString());
        Map<String, String> labels = dv.getMetadata().getLabels();
        assertEquals(id, labels.get("nuage.io/resource-id"));
        assertEquals("image", labels.get("nuage.io/kind"));
        assertEquals(installation.id(), labels.get("nuage.io/installation"));
        assertFalse(labels.containsKey("nuage.io/tenant"), "the catalog is no tenant's");

        JsonPath ready = Images.awaitPhase(uri, "ready");
        assertEquals(100.0, ready.getDouble("status.progress"));
        assertEquals(3, ready.getInt("status.size_gib"));
        assertEquals(Images.CHECKSUM, ready.getString("status.checksum"));
        assertEquals("True", ready.getString("status.conditions.find { it.type == 'Ready' }.status"));
        DataSource ds = k8s().resources(DataSource.class).inNamespace(NAMESPACE).withName(name).get();
        assertEquals(NAMESPACE, ds.getSpec().source.pvc.namespace);
        assertEquals(name, ds.getSpec().source.pvc.name);
        assertTrue(ds.getStatus().ready());
        Namespace ns = k8s().namespaces().withName(NAMESPACE).get();
        assertEquals("nuage", ns.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
        assertEquals(installation.id(), ns.getMetadata().getLabels().get("nuage.io/installation"));

        admin().get("/v1/images/by-id/" + id).then().statusCode(200).body("name", equalTo(name));
        admin().queryParam("phase", "ready").queryParam("label_selector", "!nope").get("/v1/images").then().statusCode(200)
                .body("items.name", hasItem(name));
        admin().queryParam("phase", "failed").get("/v1/images").then().statusCode(200).body("items.name", not(hasItem(name)));
    }

    @Test
    void onlyTheOperatorWritesTheCatalogAndEveryTokenReadsIt() {
        String name = TestApi.unique("debian");
        admin().body(Images.fromUrl(name, "https://images.example.org/debian-12.qcow2")).post("/v1/images").then().statusCode(201);
        String tenant = TestApi.createTenant();
        for (String role : new String[] { "member", "viewer" }) {
            String token = TestApi.token(tenant, role);
            as(token).body(Images.fromUrl(TestApi.unique("mine"), "https://images.example.org/x.qcow2")).post("/v1/images").then()
                    .statusCode(403).contentType("application/problem+json").body("code", equalTo("forbidden"));
            as(token).delete("/v1/images/" + name).then().statusCode(403).body("code", equalTo("forbidden"));
            as(token).get("/v1/images").then().statusCode(200).body("items.name", hasItem(name));
            as(token).get("/v1/images/" + name).then().statusCode(200).body("name", equalTo(name));
        }
        admin().body(Images.fromUrl(name, "https://images.example.org/other.qcow2")).post("/v1/images").then().statusCode(409)
                .body("code", equalTo("already_exists"));
        admin().body(Map.of("name", TestApi.unique("snap"), "source", Map.of("snapshot", "s"))).post("/v1/images").then()
                .statusCode(400).body("errors[0].field", equalTo("source.snapshot"));
    }

    @Test
    void deletingACatalogImageRemovesItsObjects() {
        String name = TestApi.unique("gone");
        UUID deletedId = UUID.fromString(admin().body(Images.fromUrl(name, "https://images.example.org/gone.qcow2")).post("/v1/images")
                .then().statusCode(201).extract().path("id"));
        Images.awaitPhase("/v1/images/" + name, "ready");
        String etag = admin().get("/v1/images/" + name).then().extract().header("ETag");
        admin().header("If-Match", "\"stale\"").delete("/v1/images/" + name).then().statusCode(412);
        admin().header("If-Match", etag).delete("/v1/images/" + name).then().statusCode(202).body("status.phase", equalTo("deleting"));
        admin().queryParam("wait_for", "deleted").queryParam("timeout", "30s").get("/v1/images/" + name).then().statusCode(404);
        Await.until(Duration.ofSeconds(10), "the image's objects gone", () ->
                k8s().resources(DataSource.class).inNamespace(NAMESPACE).withName(name).get() == null
                        && k8s().resources(DataVolume.class).inNamespace(NAMESPACE).withName(name).get() == null
                        && k8s().persistentVolumeClaims().inNamespace(NAMESPACE).withName(name).get() == null);

        // Made again by hand after the image was gone: the resync collects it as the image's orphan, not as a volume's.
        DataVolume orphan = ImageObjects.dataVolume(new DesiredImage(deletedId, null, NAMESPACE, name, 1, null,
                DataVolumeSource.registry("docker://quay.io/containerdisks/fedora:41")));
        Map<String, String> labels = new HashMap<>(orphan.getMetadata().getLabels());
        labels.put(Labels.INSTALLATION, installation.id());
        orphan.getMetadata().setLabels(labels);
        k8s().resource(orphan).create();
        Await.until(Duration.ofSeconds(30), "the orphaned DataVolume collected", () -> {
            resync.run();
            return k8s().resources(DataVolume.class).inNamespace(NAMESPACE).withName(name).get() == null;
        });
    }
}
