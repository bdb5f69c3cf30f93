package io.nuage.storage;

import static io.nuage.api.TestApi.admin;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.nuage.api.TestApi;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Volumes import from public hosts only: the cluster must not fetch its own or its provider's internal addresses for a
 * tenant. Host names are answered by {@link TestHostResolver}; the test configuration allows {@code *.invalid} and
 * 10.99.0.0/16, and takes 45.45.0.0/16 for a cluster CIDR.
 */
@QuarkusTest
class VolumeSourceTest {

    private static final List<String> INTERNAL_URLS = List.of(
            "http://127.0.0.1/x.img", "http://127.1.2.3:8080/x.img", "http://localhost/x.img", "http://LOCALHOST./x.img",
            "http://api.localhost/x.img", "http://metadata/computeMetadata/v1/", "http://metadata.google.internal/x",
            "http://2130706433/x.img", "http://0x7f.1/x.img", "http://0x7f000001/x.img", "http://0177.0.0.1/x.img",
            "http://127.1/x.img", "http://[::1]/x.img", "http://[::ffff:127.0.0.1]/x.img", "http://[::ffff:a9fe:a9fe]/x",
            "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/latest/meta-data/", "http://[fe80::1]/x",
            "http://10.1.2.3/x.img", "http://172.16.5.4/x.img", "http://192.168.1.1/x.img", "http://100.64.0.1/x.img",
            "http://0.0.0.0/x.img", "http://0/x.img", "http://[::]/x.img", "https://user:pw@10.0.0.1:8443/x.img",
            "http://images.example.org@192.168.0.1/x.img", "http://224.0.0.1/x.img", "http://255.255.255.255/x.img",
            "http://private.example.net/x.img", "http://metadata.example.net/x.img", "http://mixed.example.net/x.img",
            "http://ula.example.net/x.img", "http://nat64.example.net/x.img",
            "http://45.45.7.7/x.img", "http://pod.example.net/x.img");

    private static final List<String> INTERNAL_REGISTRIES = List.of("127.0.0.1:5000/disk:1", "localhost:5000/disk",
            "localhost/disk", "10.0.0.5/disk:latest", "0x7f.1/disk", "private.example.net/disk", "metadata.example.net:443/d");

    private static String path(String tenant) {
        return "/v1/tenants/" + tenant + "/volumes";
    }

    private static Map<String, Object> body(String name, String kind, String value) {
        return Map.of("name", name, "size_gib", 1, "source", Map.of(kind, value));
    }

    @Test
    void internalAddressesInAnyFormAreRefusedNamingTheField() {
        String tenant = TestApi.createTenant();
        for (String url : INTERNAL_URLS) {
            admin().body(body("v", "image_url", url)).post(path(tenant)).then()
                    .statusCode(422)
                    .body("code", equalTo("source_not_allowed"))
                    .body("errors[0].field", equalTo("source.image_url"))
                    // A fixed text: nothing of the submitted URL is echoed back.
                    .body("detail", equalTo("source.image_url: volumes import from public hosts only"));
        }
        for (String image : INTERNAL_REGISTRIES) {
            admin().body(body("v", "registry", image)).post(path(tenant)).then()
                    .statusCode(422)
                    .body("code", equalTo("source_not_allowed"))
                    .body("errors[0].field", equalTo("source.registry"));
        }
        // Nothing was created, nor any storage taken.
        admin().get(path(tenant) + "/v").then().statusCode(404);
        Volumes.create(tenant, "v", 1);
    }

    @Test
    void aNameThatDoesNotResolveIsRefusedLikeAnInternalOne() {
        String tenant = TestApi.createTenant();
        admin().body(body("v", "image_url", "https://nowhere.example.net/x.img")).post(path(tenant)).then()
                .statusCode(422).body("code", equalTo("source_not_allowed")).body("errors[0].field", equalTo("source.image_url"));
        admin().body(body("v", "registry", "nowhere.example.net/disk:1")).post(path(tenant)).then()
                .statusCode(422).body("code", equalTo("source_not_allowed")).body("errors[0].field", equalTo("source.registry"));
    }

    @Test
    void publicHostsAreAccepted() {
        String tenant = TestApi.createTenant();
        int n = 0;
        for (String url : List.of("https://images.example.org/f41.qcow2", "http://93.184.215.14/x.img",
                "http://93.184.215.14:8080/x.img", "http://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/x.img",
                "https://public6.example.net/x.img", "http://[64:ff9b::5db8:d70e]/x.img")) {
            admin().body(body("u" + n++, "image_url", url)).post(path(tenant)).then().statusCode(201)
                    .body("source.image_url", equalTo(url));
        }
        for (String image : List.of("quay.io/containerdisks/fedora:41", "fedora:41", "library/fedora:41",
                "93.184.215.14:5000/disk:1")) {
            admin().body(body("r" + n++, "registry", image)).post(path(tenant)).then().statusCode(201)
                    .body("source.registry", equalTo(image));
        }
    }

    @Test
    void theOperatorsAllowListOverrides() {
        String tenant = TestApi.createTenant();
        admin().body(body("cidr", "image_url", "http://10.99.0.7/x.img")).post(path(tenant)).then().statusCode(201);
        admin().body(body("resolved", "image_url", "http://mirror.example.net/x.img")).post(path(tenant)).then().statusCode(201);
        admin().body(body("named", "image_url", "https://anything.invalid/x.img")).post(path(tenant)).then().statusCode(201);
        admin().body(body("registry", "registry", "10.99.1.1:5000/disk:1")).post(path(tenant)).then().statusCode(201);
        // Next to it, the rest of 10/8 stays refused.
        admin().body(body("outside", "image_url", "http://10.98.0.7/x.img")).post(path(tenant)).then().statusCode(422);
    }

    @Test
    void aUrlWhoseHostCannotBeReadIsInvalid() {
        String tenant = TestApi.createTenant();
        for (String url : List.of("http://%31%32%37.0.0.1/x.img", "http:///x.img", "http://[::1/x.img", "http://a b/x",
                "http://host:port/x")) {
            admin().body(body("v", "image_url", url)).post(path(tenant)).then()
                    .statusCode(400).body("code", equalTo("validation_failed")).body("errors[0].field", equalTo("source.image_url"));
        }
    }
}
