package io.nuage.publicip;

import static io.nuage.api.TestApi.admin;
import static io.nuage.publicip.PublicIps.attach;
import static io.nuage.publicip.PublicIps.path;
import static io.nuage.publicip.PublicIps.tcp;
import static io.nuage.publicip.PublicIps.udp;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.nuage.api.TestApi;
import io.nuage.compute.Instances;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.reconciler.Cluster;
import io.nuage.reconciler.Installation;
import io.nuage.support.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** What public addresses become in the (simulated) cluster: a pinned LoadBalancer Service selecting one instance's pod. */
@QuarkusTest
class PublicIpClusterTest {

    @Inject
    Cluster cluster;

    @Inject
    Installation installation;

    private Service service(String tenant, String name) {
        return cluster.client().services().inNamespace("nuage-" + tenant).withName("public-ip-" + name).get();
    }

    private Map<String, String> podLabels(String tenant, String instance) {
        VirtualMachine vm = cluster.client().resources(VirtualMachine.class).inNamespace("nuage-" + tenant).withName(instance).get();
        return vm.getSpec().template.metadata.labels;
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static String publicIpOf(String tenant, String instance) {
        return Instances.get(tenant, instance).getString("public_ip");
    }

    @Test
    void attachedTheServiceSelectsThatInstanceAloneAndTheAddressFloatsAcrossDetachAndAttach() {
        String t = TestApi.createTenant();
        Instances.create(t, "web-1");
        Instances.create(t, "web-2");
        String address = admin().body(Map.of("name", "web", "labels", Map.of("app", "shop"))).post(path(t)).then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/v1/tenants/" + t + "/public-ips/web"))
                .body("status.phase", equalTo("pending")).body("region", equalTo("fr-par")).body("instance", nullValue())
                .extract().path("address");
        assertTrue(address.startsWith("203.0.113."), address);
        PublicIps.awaitPhase(t, "web", "allocated");
        assertNull(service(t, "web"), "a detached address has no Service");

        admin().body(attach("web-1", List.of(tcp(22), udp(53)))).post(path(t) + "/web/attach").then().statusCode(202)
                .body("status.phase", equalTo("attaching")).body("instance", equalTo("web-1")).body("address", equalTo(address));
        JsonPath attached = PublicIps.awaitPhase(t, "web", "attached");
        assertEquals(address, attached.getString("address"));
        assertEquals(address, publicIpOf(t, "web-1"));
        assertNull(publicIpOf(t, "web-2"));

        Service s = service(t, "web");
        assertEquals("LoadBalancer", s.getSpec().getType());
        assertEquals("Local", s.getSpec().getExternalTrafficPolicy());
        assertEquals(address, s.getMetadata().getAnnotations().get("metallb.universe.tf/loadBalancerIPs"));
        assertEquals(List.of(address), s.getStatus().getLoadBalancer().getIngress().stream().map(i -> i.getIp()).toList());
        assertEquals(Map.of("app.kubernetes.io/managed-by", "nuage", "nuage.io/tenant", t, "nuage.io/resource-id",
                attached.getString("id"), "nuage.io/kind", "public-ip", "nuage.io/installation", installation.id()),
                s.getMetadata().getLabels());
        assertEquals(Map.of("nuage.io/resource-id", Instances.get(t, "web-1").getString("id")), s.getSpec().getSelector());
        assertTrue(selects(s.getSpec().getSelector(), podLabels(t, "web-1")), "selects web-1's pod");
        assertFalse(selects(s.getSpec().getSelector(), podLabels(t, "web-2")), "and not web-2's");
        Instances.awaitPhase(t, "web-1", "running");
        Instances.awaitPhase(t, "web-2", "running");
        Await.until(Duration.ofSeconds(20), "both launcher pods", () -> cluster.client().pods().inNamespace("nuage-" + t)
                .withLabel("kubevirt.io", "virt-launcher").list().getItems().size() == 2);
        List<String> selected = cluster.client().pods().inNamespace("nuage-" + t).withLabels(s.getSpec().getSelector()).list()
                .getItems().stream().map(p -> p.getMetadata().getLabels().get("vm.kubevirt.io/name")).toList();
        assertEquals(List.of("web-1"), selected, "of the namespace's launcher pods, the Service selects web-1's alone");
        assertEquals(List.of("tcp-22/TCP/22/22", "udp-53/UDP/53/53"), s.getSpec().getPorts().stream()
                .map(PublicIpClusterTest::port).toList());

        admin().post(path(t) + "/web/detach").then().statusCode(202).body("status.phase", equalTo("detaching"));
        JsonPath detached = PublicIps.awaitPhase(t, "web", "allocated");
        assertEquals(address, detached.getString("address"));
        assertNull(detached.get("instance"));
        Await.until(Duration.ofSeconds(10), "the Service gone", () -> service(t, "web") == null);
        assertNull(publicIpOf(t, "web-1"));

        admin().body(attach("web-2", List.of(tcp(443)))).post(path(t) + "/web/attach").then().statusCode(202);
        assertEquals(address, PublicIps.awaitPhase(t, "web", "attached").getString("address"));
        Service again = service(t, "web");
        assertTrue(selects(again.getSpec().getSelector(), podLabels(t, "web-2")));
        assertFalse(selects(again.getSpec().getSelector(), podLabels(t, "web-1")));
        assertEquals(address, publicIpOf(t, "web-2"));
        assertEquals(address, again.getStatus().getLoadBalancer().getIngress().get(0).getIp());
    }

    @Test
    void aDeletedInstanceLeavesItsAddressAllocatedAndDetached() {
        String t = TestApi.createTenant();
        Instances.create(t, "vm");
        String address = PublicIps.allocate(t, "ip");
        admin().body(attach("vm", List.of(tcp(80)))).post(path(t) + "/ip/attach").then().statusCode(202);
        PublicIps.awaitPhase(t, "ip", "attached");

        admin().delete("/v1/tenants/" + t + "/instances/vm").then().statusCode(202);
        JsonPath ip = PublicIps.awaitPhase(t, "ip", "allocated");
        assertEquals(address, ip.getString("address"));
        assertNull(ip.get("instance"));
        assertEquals(List.of(), ip.getList("ports"));
        Await.until(Duration.ofSeconds(10), "the Service gone", () -> service(t, "ip") == null);
        Await.until(Duration.ofSeconds(30), "the instance gone", () -> admin().get("/v1/tenants/" + t + "/instances/vm").statusCode() == 404);
        admin().get(path(t) + "/ip").then().statusCode(200).body("address", equalTo(address));
    }

    @Test
    void aServiceDeletedOrEditedByHandIsRestored() {
        String t = TestApi.createTenant();
        Instances.create(t, "vm");
        String address = PublicIps.allocate(t, "ip");
        admin().body(attach("vm", List.of(tcp(80)))).post(path(t) + "/ip/attach").then().statusCode(202);
        PublicIps.awaitPhase(t, "ip", "attached");

        cluster.client().resource(service(t, "ip")).delete();
        Await.until(Duration.ofSeconds(20), "the Service made again and announced", () -> {
            Service s = service(t, "ip");
            return s != null && s.getStatus() != null && s.getStatus().getLoadBalancer() != null
                    && s.getStatus().getLoadBalancer().getIngress() != null && !s.getStatus().getLoadBalancer().getIngress().isEmpty();
        });
        Service edited = service(t, "ip");
        edited.getMetadata().getAnnotations().put("metallb.universe.tf/loadBalancerIPs", "203.0.113.250");
        edited.getSpec().setSelector(Map.of("app", "someone-else"));
        cluster.client().resource(edited).update();
        Await.until(Duration.ofSeconds(20), "the pin and the selector put back", () -> {
            Service s = service(t, "ip");
            return address.equals(s.getMetadata().getAnnotations().get("metallb.universe.tf/loadBalancerIPs"))
                    && s.getSpec().getSelector().equals(Map.of("nuage.io/resource-id", Instances.get(t, "vm").getString("id")));
        });
        PublicIps.awaitPhase(t, "ip", "attached");
    }

    @Test
    void releasingFreesTheAddressAndAnExhaustedPoolSaysSo() {
        String t = TestApi.unique("t");
        admin().body(Map.of("name", t, "regions", List.of("de-fra"))).post("/v1/tenants").then().statusCode(201);
        String first = PublicIps.allocate(t, "a");
        String second = PublicIps.allocate(t, "b");
        assertEquals(List.of("192.0.2.1", "192.0.2.2"), List.of(first, second), "the pool's host addresses, lowest first");
        admin().body(Map.of("name", "c")).post(path(t)).then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("public_ip_pool_exhausted")).body("region", equalTo("de-fra"))
                .body("pool", equalTo("192.0.2.0/30"));

        admin().delete(path(t) + "/a").then().statusCode(202).body("status.phase", equalTo("deleting"));
        Await.until(Duration.ofSeconds(30), "a released", () -> admin().get(path(t) + "/a").statusCode() == 404);
        admin().body(Map.of("name", "c")).post(path(t)).then().statusCode(201).body("address", equalTo(first));
        admin().get("/v1/tenants/" + t + "/quota").then().statusCode(200)
                .body("public_ips.used", equalTo(2)).body("public_ips.limit", equalTo(5)).body("public_ips.available", equalTo(3));
        // The pool is the tests' to share: leave it empty.
        PublicIps.release(t, "b");
        PublicIps.release(t, "c");
    }

    private static String port(ServicePort p) {
        assertNotNull(p.getTargetPort());
        return p.getName() + "/" + p.getProtocol() + "/" + p.getPort() + "/" + p.getTargetPort().getIntVal();
    }
}
