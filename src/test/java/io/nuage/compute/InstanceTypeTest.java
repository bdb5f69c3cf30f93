package io.nuage.compute;

import static io.nuage.api.TestApi.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.nuage.api.TestApi;
import io.nuage.kubevirt.InstanceTypeObjects;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.kubevirt.VirtualMachineClusterInstancetype;
import io.nuage.kubevirt.VirtualMachineInstance;
import io.nuage.reconciler.Cluster;
import io.nuage.reconciler.Installation;
import io.nuage.support.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The operator's instance types, as KubeVirt cluster instance types, and instances sized and resized by them. */
@QuarkusTest
class InstanceTypeTest {

    @Inject
    Cluster cluster;
    @Inject
    Installation installation;

    @Test
    void theOperatorsCatalogBecomesClusterInstancetypesThatTenantsCanReadButNotWrite() {
        String name = TestApi.unique("s-2-4");
        admin().body(Map.of("name", name, "vcpus", 2, "memory_mib", 4096, "dedicated_cpus", true)).post("/v1/instance-types")
                .then().statusCode(201).body("status.phase", equalTo("pending"));
        await(name, "ready");
        VirtualMachineClusterInstancetype object = object(name);
        assertEquals(2, object.getSpec().cpu.guest);
        assertEquals(Boolean.TRUE, object.getSpec().cpu.dedicatedCPUPlacement);
        assertEquals("4096Mi", object.getSpec().memory.guest.toString());
        assertEquals(installation.id(), object.getMetadata().getLabels().get("nuage.io/installation"));

        String tenant = TestApi.createTenant();
        String viewer = TestApi.token(tenant, "viewer");
        TestApi.as(viewer).get("/v1/instance-types").then().statusCode(200).body("items.name", hasItem(name));
        TestApi.as(viewer).get("/v1/instance-types/" + name).then().statusCode(200).body("vcpus", equalTo(2));
        TestApi.as(TestApi.token(tenant, "member")).body(Map.of("name", "mine", "vcpus", 64, "memory_mib", 262144))
                .post("/v1/instance-types").then().statusCode(403);
        admin().body(Map.of("name", "x", "vcpus", 0, "memory_mib", 1)).post("/v1/instance-types").then().statusCode(400);
    }

    @Test
    void anInstanceIsSizedByItsTypeAndResizedByChangingIt() {
        String small = TestApi.unique("s-1-2");
        String large = TestApi.unique("s-4-8");
        admin().body(Map.of("name", small, "vcpus", 1, "memory_mib", 2048)).post("/v1/instance-types").then().statusCode(201);
        admin().body(Map.of("name", large, "vcpus", 4, "memory_mib", 8192)).post("/v1/instance-types").then().statusCode(201);
        await(small, "ready");
        await(large, "ready");
        String tenant = TestApi.createTenant();
        String base = "/v1/tenants/" + tenant + "/instances";

        admin().body(Map.of("name", "web", "instance_type", small, "image", Instances.IMAGE)).post(base).then().statusCode(201)
                .body("instance_type", equalTo(small)).body("vcpus", equalTo(1)).body("memory_mib", equalTo(2048));
        Instances.awaitPhase(tenant, "web", "running");
        VirtualMachine vm = vm(tenant, "web");
        assertEquals(objectName(small), vm.getSpec().instancetype.name);
        assertEquals("VirtualMachineClusterInstancetype", vm.getSpec().instancetype.kind);
        assertNull(vm.getSpec().template.spec.domain.cpu, "the type gives the CPU: KubeVirt refuses both");
        assertEquals(1, vmi(tenant, "web").getSpec().domain.cpu.sockets);
        admin().get("/v1/tenants/" + tenant + "/quota").then().body("vcpus.used", equalTo(1)).body("memory_mib.used", equalTo(2048));

        admin().body(Map.of("instance_type", large)).patch(base + "/web").then().statusCode(200)
                .body("instance_type", equalTo(large)).body("vcpus", equalTo(4)).body("memory_mib", equalTo(8192));
        Await.until(Duration.ofSeconds(30), "RestartRequired", () -> "True".equals(Instances.get(tenant, "web")
                .getString("status.conditions.find { it.type == 'RestartRequired' }.status")));
        assertEquals(objectName(large), vm(tenant, "web").getSpec().instancetype.name);
        admin().get("/v1/tenants/" + tenant + "/quota").then().body("vcpus.used", equalTo(4));

        admin().post(base + "/web/restart").then().statusCode(202);
        Await.until(Duration.ofSeconds(30), "the guest restarted at the new size", () -> {
            VirtualMachineInstance vmi = vmi(tenant, "web");
            JsonPath now = Instances.get(tenant, "web");
            return vmi != null && vmi.getSpec().domain.cpu.sockets == 4 && "running".equals(now.getString("status.phase"))
                    && now.getString("status.conditions.find { it.type == 'RestartRequired' }") == null;
        });
    }

    @Test
    void badSizesAndUnknownOrUsedTypesAreRefused() {
        String type = TestApi.unique("s-1-1");
        admin().body(Map.of("name", type, "vcpus", 1, "memory_mib", 1024)).post("/v1/instance-types").then().statusCode(201);
        String tenant = TestApi.createTenant();
        String base = "/v1/tenants/" + tenant + "/instances";
        admin().body(Map.of("name", "a", "instance_type", type, "vcpus", 2, "image", Instances.IMAGE)).post(base).then()
                .statusCode(400).body("errors[0].field", equalTo("vcpus"));
        admin().body(Map.of("name", "a", "instance_type", "no-such-type", "image", Instances.IMAGE)).post(base).then()
                .statusCode(422).body("code", equalTo("instance_type_not_found")).body("errors[0].field", equalTo("instance_type"));
        admin().body(Map.of("name", "a", "image", Instances.IMAGE)).post(base).then().statusCode(400);

        admin().body(Map.of("name", "a", "instance_type", type, "image", Instances.IMAGE)).post(base).then().statusCode(201);
        admin().body(Map.of("vcpus", 2)).patch(base + "/a").then().statusCode(400).body("errors[0].field", equalTo("vcpus"));
        admin().delete("/v1/instance-types/" + type).then().statusCode(409).body("code", equalTo("instance_type_in_use"))
                .body("instances", equalTo(List.of(tenant + "/a")));

        admin().delete(base + "/a").then().statusCode(202);
        Await.until(Duration.ofSeconds(30), "the instance gone", () -> admin().get(base + "/a").statusCode() == 404);
        admin().delete("/v1/instance-types/" + type).then().statusCode(202).body("status.phase", equalTo("deleting"));
        Await.until(Duration.ofSeconds(30), "the type and its object gone", () -> admin().get("/v1/instance-types/" + type).statusCode() == 404
                && object(type) == null);
    }

    private void await(String type, String phase) {
        Await.until(Duration.ofSeconds(30), type + " " + phase,
                () -> phase.equals(admin().get("/v1/instance-types/" + type).then().extract().path("status.phase")));
    }

    private VirtualMachineClusterInstancetype object(String type) {
        return cluster.client().resources(VirtualMachineClusterInstancetype.class).withName(objectName(type)).get();
    }

    private VirtualMachine vm(String tenant, String name) {
        return cluster.client().resources(VirtualMachine.class).inNamespace("nuage-" + tenant).withName(name).get();
    }

    private VirtualMachineInstance vmi(String tenant, String name) {
        return cluster.client().resources(VirtualMachineInstance.class).inNamespace("nuage-" + tenant).withName(name).get();
    }

    /** The cluster object's name, as the reconciler gives it. */
    private String objectName(String type) {
        return InstanceTypeObjects.objectName(installation.id(), type);
    }
}
