package io.nuage.compute;

import static io.nuage.api.TestApi.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nuage.api.TestApi;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.kubevirt.VirtualMachineInstance;
import io.nuage.reconciler.Cluster;
import io.nuage.support.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** What a tenant sees through the API, and what appears in the (simulated) cluster. */
@QuarkusTest
class InstanceLifecycleTest {

    @Inject
    Cluster cluster;

    private KubernetesClient k8s() {
        return cluster.client();
    }

    private VirtualMachine vm(String tenant, String name) {
        return k8s().resources(VirtualMachine.class).inNamespace("nuage-" + tenant).withName(name).get();
    }

    @Test
    void createdInstanceGetsALabelledVirtualMachineAndReachesRunning() {
        String tenant = TestApi.createTenant();
        String id = admin().body(Instances.body("web", 2, 2048)).post("/v1/tenants/" + tenant + "/instances").then()
                .statusCode(201)
                .body("status.phase", equalTo("pending"))
                .body("running", equalTo(true))
                .body("region", equalTo("fr-par"))
                .extract().path("id");

        JsonPath running = Instances.awaitPhase(tenant, "web", "running");
        assertTrue(running.getString("status.ip_addresses[0]").startsWith("10.244."));
        assertNotNull(running.getString("status.node"));
        assertEquals("True", running.getString("status.conditions.find { it.type == 'Ready' }.status"));

        VirtualMachine vm = vm(tenant, "web");
        assertEquals("nuage", vm.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
        assertEquals(tenant, vm.getMetadata().getLabels().get("nuage.io/tenant"));
        assertEquals(id, vm.getMetadata().getLabels().get("nuage.io/resource-id"));
        assertEquals("Always", vm.getSpec().runStrategy);
        assertEquals(2, vm.getSpec().template.spec.domain.cpu.cores);
        assertEquals("2048Mi", vm.getSpec().template.spec.domain.memory.guest.toString());
    }

    @Test
    void aPipelineWaitsForTheGuestToBootNotJustForRunning() {
        String tenant = TestApi.createTenant();
        admin().body(Instances.body("ci", 1, 512)).post("/v1/tenants/" + tenant + "/instances").then().statusCode(201)
                .body("status.conditions.find { it.type == 'GuestReady' }", org.hamcrest.Matchers.nullValue());

        JsonPath ready = admin().queryParam("wait_for", "guest_ready").queryParam("timeout", "30s")
                .get("/v1/tenants/" + tenant + "/instances/ci").then().statusCode(200)
                .header("Nuage-Wait-Timed-Out", org.hamcrest.Matchers.nullValue()).extract().jsonPath();
        assertEquals("running", ready.getString("status.phase"));
        assertEquals("True", ready.getString("status.conditions.find { it.type == 'GuestReady' }.status"));
        assertEquals("AgentConnected", ready.getString("status.conditions.find { it.type == 'GuestReady' }.reason"));
        var agent = k8s().resources(VirtualMachineInstance.class).inNamespace("nuage-" + tenant).withName("ci").get()
                .getStatus().conditions.stream().filter(c -> c.type.equals("AgentConnected")).findFirst();
        assertEquals("True", agent.orElseThrow().status, "what GuestReady is read from");
        // A guest that booted is running too: waiting for running answers at once.
        admin().queryParam("wait_for", "running").get("/v1/tenants/" + tenant + "/instances/ci").then().statusCode(200);

        admin().post("/v1/tenants/" + tenant + "/instances/ci/stop").then().statusCode(202);
        JsonPath stopped = Instances.awaitPhase(tenant, "ci", "stopped");
        assertEquals("False", stopped.getString("status.conditions.find { it.type == 'GuestReady' }.status"));
        admin().queryParam("wait_for", "guest_ready").get("/v1/tenants/" + tenant + "/networks/none").then().statusCode(400);
    }

    @Test
    void tenantGetsNamespaceQuotaAndIsolationPolicy() {
        String tenant = TestApi.createTenant();
        admin().body(Map.of("quota", Map.of("vcpus", 7))).patch("/v1/tenants/" + tenant).then().statusCode(200);
        Await.until(Duration.ofSeconds(30), "namespace, quota and policy", () -> {
            var quota = k8s().resourceQuotas().inNamespace("nuage-" + tenant).withName("nuage-quota").get();
            return k8s().namespaces().withName("nuage-" + tenant).get() != null
                    && quota != null && quota.getSpec().getHard().get("requests.cpu") != null
                    && k8s().network().networkPolicies().inNamespace("nuage-" + tenant).withName("nuage-tenant-isolation").get() != null;
        });
        // The quota change is reconciled: the ResourceQuota follows the tenant's vCPUs.
        String cpu = k8s().resourceQuotas().inNamespace("nuage-" + tenant).withName("nuage-quota").get()
                .getSpec().getHard().get("requests.cpu").toString();
        admin().body(Map.of("quota", Map.of("vcpus", 9))).patch("/v1/tenants/" + tenant).then().statusCode(200);
        Await.until(Duration.ofSeconds(30), "quota update", () -> !cpu.equals(k8s().resourceQuotas()
                .inNamespace("nuage-" + tenant).withName("nuage-quota").get().getSpec().getHard().get("requests.cpu").toString()));

        admin().delete("/v1/tenants/" + tenant).then().statusCode(204);
        Await.until(Duration.ofSeconds(30), "namespace deleted", () -> k8s().namespaces().withName("nuage-" + tenant).get() == null);
    }

    @Test
    void stopStartAndRestartDriveTheRunStrategyAndThePhaseFollows() {
        String tenant = TestApi.createTenant();
        Instances.create(tenant, "app");
        Instances.awaitPhase(tenant, "app", "running");

        admin().post("/v1/tenants/" + tenant + "/instances/app/stop").then().statusCode(202).body("running", equalTo(false));
        Instances.awaitPhase(tenant, "app", "stopped");
        assertEquals("Halted", vm(tenant, "app").getSpec().runStrategy);
        assertTrue(Instances.get(tenant, "app").getList("status.ip_addresses").isEmpty());
        admin().post("/v1/tenants/" + tenant + "/instances/app/restart").then()
                .statusCode(409).body("code", equalTo("instance_stopped"));

        admin().post("/v1/tenants/" + tenant + "/instances/app/start").then().statusCode(202).body("running", equalTo(true));
        Instances.awaitPhase(tenant, "app", "running");
        assertEquals("Always", vm(tenant, "app").getSpec().runStrategy);

        String before = vmi(tenant, "app").getMetadata().getUid();
        admin().post("/v1/tenants/" + tenant + "/instances/app/restart").then().statusCode(202);
        Await.until(Duration.ofSeconds(30), "a new VMI", () -> {
            VirtualMachineInstance vmi = vmi(tenant, "app");
            return vmi != null && !before.equals(vmi.getMetadata().getUid());
        });
        Instances.awaitPhase(tenant, "app", "running");
    }

    private VirtualMachineInstance vmi(String tenant, String name) {
        return k8s().resources(VirtualMachineInstance.class).inNamespace("nuage-" + tenant).withName(name).get();
    }

    @Test
    void deleteRemovesVirtualMachineAndSecretsThenTheInstance() {
        String tenant = TestApi.createTenant();
        Map<String, Object> body = Instances.body("db", 1, 1024);
        body.put("user_data", "#cloud-config\npackages: [postgresql]\n");
        body.put("ssh_keys", List.of("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHk me@laptop"));
        admin().body(body).post("/v1/tenants/" + tenant + "/instances").then().statusCode(201);
        Instances.awaitPhase(tenant, "db", "running");
        assertNotNull(k8s().secrets().inNamespace("nuage-" + tenant).withName("db-userdata").get());

        admin().delete("/v1/tenants/" + tenant + "/instances/db").then().statusCode(202).body("status.phase", equalTo("deleting"));
        Await.until(Duration.ofSeconds(30), "instance gone", () ->
                admin().get("/v1/tenants/" + tenant + "/instances/db").statusCode() == 404);
        assertNull(vm(tenant, "db"));
        assertNull(k8s().secrets().inNamespace("nuage-" + tenant).withName("db-userdata").get());
        assertNull(k8s().secrets().inNamespace("nuage-" + tenant).withName("db-ssh").get());
        // The name is free again.
        Instances.create(tenant, "db");
    }

    @Test
    void userDataGoesToASecretAndIsNeverReturned() {
        String tenant = TestApi.createTenant();
        Map<String, Object> body = Instances.body("cfg", 1, 512);
        body.put("user_data", "#cloud-config\npassword: hunter2\n");
        admin().body(body).post("/v1/tenants/" + tenant + "/instances").then().statusCode(201)
                .body("$", not(hasKey("user_data")))
                .body("user_data_sha256", startsWith("sha256:"));
        Instances.awaitPhase(tenant, "cfg", "running");
        Secret secret = k8s().secrets().inNamespace("nuage-" + tenant).withName("cfg-userdata").get();
        assertEquals("#cloud-config\npassword: hunter2\n",
                new String(Base64.getDecoder().decode(secret.getData().get("userdata")), StandardCharsets.UTF_8));
        String listed = admin().get("/v1/tenants/" + tenant + "/instances").asString();
        assertFalse(listed.contains("hunter2"));

        admin().body(Map.of("user_data", "#cloud-config\npassword: changed\n")).patch("/v1/tenants/" + tenant + "/instances/cfg")
                .then().statusCode(200);
        Await.until(Duration.ofSeconds(30), "secret updated", () -> new String(Base64.getDecoder().decode(
                k8s().secrets().inNamespace("nuage-" + tenant).withName("cfg-userdata").get().getData().get("userdata")),
                StandardCharsets.UTF_8).contains("changed"));
    }

    @Test
    void resizeOfARunningInstanceAppliesAtTheNextRestart() {
        String tenant = TestApi.createTenant();
        Instances.create(tenant, "big");
        Instances.awaitPhase(tenant, "big", "running");

        admin().body(Map.of("vcpus", 2, "memory_mib", 1024)).patch("/v1/tenants/" + tenant + "/instances/big").then()
                .statusCode(200).body("vcpus", equalTo(2));
        JsonPath resized = Instances.awaitPhase(tenant, "big", "running");
        assertEquals(2, vm(tenant, "big").getSpec().template.spec.domain.cpu.cores);
        assertEquals("True", resized.getString("status.conditions.find { it.type == 'RestartRequired' }.status"));

        admin().post("/v1/tenants/" + tenant + "/instances/big/restart").then().statusCode(202);
        Await.until(Duration.ofSeconds(30), "restart applied the resize", () -> {
            JsonPath j = Instances.get(tenant, "big");
            return "running".equals(j.getString("status.phase"))
                    && j.getList("status.conditions.type").stream().noneMatch("RestartRequired"::equals);
        });
        admin().get("/v1/tenants/" + tenant + "/instances/big").then().body("status.conditions.type", not(hasItem("RestartRequired")));
    }

    @Test
    void instanceIdIsStableAcrossChanges() {
        String tenant = TestApi.createTenant();
        Instances.create(tenant, "same");
        String id = Instances.get(tenant, "same").getString("id");
        assertNotNull(id);
        admin().body(Map.of("labels", Map.of("tier", "web"))).patch("/v1/tenants/" + tenant + "/instances/same").then()
                .statusCode(200).body("labels.tier", equalTo("web"));
        assertEquals(id, Instances.get(tenant, "same").getString("id"));
    }
}
