package io.nuage.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

/** The simulated cluster driven as Nuage drives a real one: over HTTP, with a Fabric8 client of its own. */
class SimulatedClusterTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    private static SimulatedCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void startCluster() {
        cluster = SimulatedCluster.start(SimulatorSettings.instant(), dir.resolve("instant/kubeconfig"));
        client = clientFor(cluster);
    }

    @AfterAll
    static void stopCluster() {
        client.close();
        cluster.close();
    }

    @Test
    void aVmRunsOnlyOnANodeOfTheRegionItsAffinityNames() {
        createInRegion("placed", "nowhere", "xx-nowhere");
        createInRegion("placed", "ams", "nl-ams");

        awaitVm(client, "placed", "ams", "Running");
        assertTrue(((String) status(vmi(client, "placed", "ams")).get("nodeName")).matches("nl-ams-node-[123]"));
        // Created first and given the same (no) delay, the VM of a region without nodes is still unscheduled.
        Map<String, Object> unscheduled = status(vmi(client, "placed", "nowhere"));
        assertEquals("Pending", unscheduled.get("phase"));
        assertEquals(null, unscheduled.get("nodeName"));
    }

    private static void createInRegion(String namespace, String name, String region) {
        GenericKubernetesResource vm = vm(namespace, name, "Always");
        Map<String, Object> template = map(map(vm.getAdditionalProperties().get("spec")).get("template"));
        map(template.get("spec")).put("affinity", Map.of("nodeAffinity", Map.of("requiredDuringSchedulingIgnoredDuringExecution",
                Map.of("nodeSelectorTerms", List.of(Map.of("matchExpressions", List.of(Map.of(
                        "key", "topology.kubernetes.io/region", "operator", "In", "values", List.of(region)))))))));
        client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE).resource(vm).create();
    }

    @Test
    void servedRequestsAreNotKeptForever() {
        for (int i = 0; i < 200; i++) {
            client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE).inNamespace("forgotten").withName("vm-" + i).get();
        }
        // Fabric8's web server keeps every request unless told to forget it: 200 here, without end in a long run.
        assertTrue(cluster.recordedRequests() < 10, "the server still holds " + cluster.recordedRequests() + " requests");
    }

    @Test
    void alwaysVmRunsWithAnIpOnItsInstance() {
        GenericKubernetesResource vm = client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE)
                .resource(vm("runs", "web", "Always")).create();

        awaitVm(client, "runs", "web", "Running");
        GenericKubernetesResource vmi = vmi(client, "runs", "web");
        Map<String, Object> status = status(vmi);
        assertEquals("Running", status.get("phase"));
        assertTrue(((String) status.get("nodeName")).matches("(fr-par|nl-ams|de-fra)-node-[123]"), "any region's node, without affinity");
        Map<String, Object> iface = map(((List<?>) status.get("interfaces")).get(0));
        assertEquals("default", iface.get("name"));
        assertTrue(((String) iface.get("ipAddress")).startsWith("10.244."));
        assertEquals(List.of(iface.get("ipAddress")), iface.get("ipAddresses"));
        assertEquals(Map.of("nuage.io/instance", "web"), vmi.getMetadata().getLabels());
        assertEquals(vm.getMetadata().getUid(), vmi.getMetadata().getOwnerReferences().get(0).getUid());

        Map<String, Object> vmStatus = status(getVm(client, "runs", "web"));
        assertEquals(true, vmStatus.get("ready"));
        assertEquals(true, vmStatus.get("created"));
        Map<String, Object> ready = map(((List<?>) vmStatus.get("conditions")).get(0));
        assertEquals("Ready", ready.get("type"));
        assertEquals("True", ready.get("status"));
        assertTrue(ready.get("lastTransitionTime") instanceof String);
    }

    private static java.net.http.HttpResponse<String> query(String query) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                cluster.url() + "/api/v1/query?query=" + query)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** The transmit counter of a VMI's interface as the simulated Prometheus serves it; -1 while it has none. */
    private static long transmitted(String namespace, String name) throws Exception {
        var answer = new io.vertx.core.json.JsonObject(query(SimulatedPrometheus.METRIC).body());
        assertEquals("success", answer.getString("status"));
        for (Object o : answer.getJsonObject("data").getJsonArray("result")) {
            var series = (io.vertx.core.json.JsonObject) o;
            var metric = series.getJsonObject("metric");
            if (metric.getString("namespace").equals(namespace) && metric.getString("name").equals(name)) {
                assertEquals("default", metric.getString("interface"));
                return Long.parseLong(series.getJsonArray("value").getString(1));
            }
        }
        return -1;
    }

    @Test
    void prometheusServesATransmitCounterPerRunningVmiThatStartsAgainWithANewOne() throws Exception {
        client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE).resource(vm("metered", "web", "Always")).create();
        awaitVm(client, "metered", "web", "Running");
        await("the counter grows", () -> {
            try {
                return transmitted("metered", "web") >= 2 * SimulatorSettings.DEFAULT_EGRESS_BYTES_PER_SECOND;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long before = transmitted("metered", "web");
        assertEquals(0, before % SimulatorSettings.DEFAULT_EGRESS_BYTES_PER_SECOND, "whole seconds at the configured rate");
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}", query("up").body());

        String firstUid = vmi(client, "metered", "web").getMetadata().getUid();
        client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE_INSTANCE).inNamespace("metered").withName("web").delete();
        await("a new instance, its counter from 0", () -> {
            try {
                GenericKubernetesResource vmi = vmi(client, "metered", "web");
                long now = transmitted("metered", "web");
                return vmi != null && !vmi.getMetadata().getUid().equals(firstUid) && now >= 0 && now < before;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        cluster.setPrometheusAvailable(false);
        try {
            assertEquals(503, query(SimulatedPrometheus.METRIC).statusCode());
        } finally {
            cluster.setPrometheusAvailable(true);
        }
        assertEquals(200, query(SimulatedPrometheus.METRIC).statusCode());
    }

    @Test
    void haltedVmStopsAndLosesItsInstance() {
        client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE).resource(vm("halts", "db", "Always")).create();
        awaitVm(client, "halts", "db", "Running");

        setRunStrategy(client, "halts", "db", "Halted");

        awaitVm(client, "halts", "db", "Stopped");
        assertEquals(false, status(getVm(client, "halts", "db")).get("ready"));
        assertNull(vmi(client, "halts", "db"));
    }

    /** As Kubernetes' garbage collector would: an instance the controller did not start goes with its VM. */
    @Test
    void anInstanceTheControllerLostTrackOfGoesWithItsVm() {
        client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE).resource(vm("strays", "ghost", "Manual")).create();
        client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE_INSTANCE).resource(Serialization.unmarshal("""
                apiVersion: kubevirt.io/v1
                kind: VirtualMachineInstance
                metadata:
                  name: ghost
                  namespace: strays
                spec:
                  domain:
                    devices: {}
                """, GenericKubernetesResource.class)).create();

        client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE).inNamespace("strays").withName("ghost").delete();

        await("the stray instance deleted with its VM", () -> vmi(client, "strays", "ghost") == null);
    }

    @Test
    void deletedInstanceOfAnAlwaysVmIsReplaced() {
        client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE).resource(vm("restarts", "app", "Always"))
                .create();
        awaitVm(client, "restarts", "app", "Running");
        String firstUid = vmi(client, "restarts", "app").getMetadata().getUid();

        client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE_INSTANCE).inNamespace("restarts")
                .withName("app").delete();

        await("a new running instance", () -> {
            GenericKubernetesResource vmi = vmi(client, "restarts", "app");
            return vmi != null && !vmi.getMetadata().getUid().equals(firstUid)
                    && "Running".equals(status(vmi).get("phase"));
        });
        awaitVm(client, "restarts", "app", "Running");
    }

    @Test
    void deletingTheVmDeletesItsInstance() {
        client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE).resource(vm("deletes", "tmp", "Always"))
                .create();
        awaitVm(client, "deletes", "tmp", "Running");

        client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE).inNamespace("deletes").withName("tmp")
                .delete();

        await("the instance gone", () -> vmi(client, "deletes", "tmp") == null);
    }

    @Test
    void burstOfVmsAllRunWithDistinctIps() {
        int count = 200;
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE).resource(vm("burst", "vm-" + i, "Always"))
                    .create();
        }
        await(count + " VMs running", () -> client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE)
                .inNamespace("burst").list().getItems().stream()
                .filter(vm -> "Running".equals(status(vm).get("printableStatus"))).count() == count);
        System.out.printf("%d VMs created and Running in %d ms%n", count, (System.nanoTime() - started) / 1_000_000);

        Set<Object> ips = new HashSet<>();
        for (GenericKubernetesResource vmi : client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE_INSTANCE)
                .inNamespace("burst").list().getItems()) {
            assertEquals("Running", status(vmi).get("phase"));
            ips.add(map(((List<?>) status(vmi).get("interfaces")).get(0)).get("ipAddress"));
        }
        assertEquals(count, ips.size());
    }

    @Test
    void plainUpdateKeepsStatusAsARealApiServerDoes() {
        client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE).resource(vm("updates", "box", "Always"))
                .create();
        awaitVm(client, "updates", "box", "Running");

        GenericKubernetesResource vm = getVm(client, "updates", "box");
        vm.getMetadata().setLabels(Map.of("changed", "yes"));
        vm.setAdditionalProperty("status", Map.of("printableStatus", "Bogus"));
        GenericKubernetesResource updated = client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE)
                .resource(vm).update();

        assertEquals("Running", status(updated).get("printableStatus"));
        assertEquals("yes", updated.getMetadata().getLabels().get("changed"));
    }

    @Test
    void kubeconfigPointsAtTheCluster() throws Exception {
        Path file = cluster.kubeconfigFile();
        assertTrue(Files.exists(file));
        Config config = Config.fromKubeconfig(Files.readString(file));
        assertEquals(cluster.url() + "/", config.getMasterUrl());
        try (KubernetesClient viaKubeconfig = new KubernetesClientBuilder().withConfig(config).build()) {
            viaKubeconfig.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE).inAnyNamespace().list();
        }
    }

    @Test
    void theGuestAgentConnectsTheAgentDelayAfterRunning() {
        // Long enough that the VMI is seen Running before the agent connects, even on a loaded machine.
        SimulatorSettings agentLate = new SimulatorSettings(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(3), Duration.ZERO,
                Duration.ZERO, 0.0, Duration.ZERO, SimulatorSettings.DEFAULT_POD_CIDR, 0);
        try (SimulatedCluster late = SimulatedCluster.start(agentLate, dir.resolve("agent/kubeconfig"));
                KubernetesClient lateClient = clientFor(late)) {
            lateClient.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE).resource(vm("agent", "a", "Always")).create();
            await("the VMI running", () -> vmi(lateClient, "agent", "a") != null
                    && "Running".equals(status(vmi(lateClient, "agent", "a")).get("phase")));
            assertFalse(agentConnected(vmi(lateClient, "agent", "a")), "not yet: the guest is booting");
            await("AgentConnected", () -> agentConnected(vmi(lateClient, "agent", "a")));
        }
    }

    private static boolean agentConnected(GenericKubernetesResource vmi) {
        return status(vmi).get("conditions") instanceof List<?> conditions && conditions.stream()
                .anyMatch(c -> c instanceof Map<?, ?> m && "AgentConnected".equals(m.get("type")) && "True".equals(m.get("status")));
    }

    @Test
    void crashFailsTheInstanceThenRestartsIt() {
        SimulatorSettings staged = new SimulatorSettings(Duration.ZERO, Duration.ofMillis(300), Duration.ZERO, Duration.ofMillis(300), Duration.ZERO,
                0.0, Duration.ZERO, SimulatorSettings.DEFAULT_POD_CIDR, 0);
        try (SimulatedCluster slow = SimulatedCluster.start(staged, dir.resolve("staged/kubeconfig"));
                KubernetesClient slowClient = clientFor(slow)) {
            slowClient.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE).resource(vm("crash", "a", "Always"))
                    .create();
            awaitVm(slowClient, "crash", "a", "Running");
            String firstUid = vmi(slowClient, "crash", "a").getMetadata().getUid();

            slow.crash("crash", "a");

            awaitVm(slowClient, "crash", "a", "CrashLoopBackOff");
            assertEquals("Failed", status(vmi(slowClient, "crash", "a")).get("phase"));
            assertEquals(false, status(getVm(slowClient, "crash", "a")).get("ready"));
            awaitVm(slowClient, "crash", "a", "Running");
            assertNotEquals(firstUid, vmi(slowClient, "crash", "a").getMetadata().getUid());
            Map<String, String> annotations = getVm(slowClient, "crash", "a").getMetadata().getAnnotations();
            assertFalse(annotations != null && annotations.containsKey(VirtualMachineController.CRASH_ANNOTATION));

            // The annotation alone does the same, as a user with kubectl would do it.
            slowClient.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE).inNamespace("crash").withName("a")
                    .patch(PatchContext.of(PatchType.JSON_MERGE),
                            "{\"metadata\":{\"annotations\":{\"sim.nuage.io/crash\":\"true\"}}}");
            awaitVm(slowClient, "crash", "a", "CrashLoopBackOff");
            awaitVm(slowClient, "crash", "a", "Running");

            setRunStrategy(slowClient, "crash", "a", "Halted");
            awaitVm(slowClient, "crash", "a", "Stopping");
            awaitVm(slowClient, "crash", "a", "Stopped");
        }
    }

    @Test
    void injectedFaultsHitClientsWhileTheControllersConverge() {
        try (SimulatedCluster flaky = SimulatedCluster.start(SimulatorSettings.instant().withApiErrorRate(0.5),
                dir.resolve("flaky/kubeconfig"));
                KubernetesClient noRetries = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                        .withMasterUrl(flaky.url()).withRequestRetryBackoffLimit(0).build()).build()) {
            int failures = 0;
            for (int i = 0; i < 40; i++) {
                try {
                    noRetries.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE).inAnyNamespace().list();
                } catch (KubernetesClientException e) {
                    assertTrue(Set.of(500, 503, 429).contains(e.getCode()), "unexpected code " + e.getCode());
                    failures++;
                }
            }
            assertTrue(failures > 0 && failures < 40, failures + " of 40 requests failed");

            for (int i = 0; i < 20; i++) {
                createRetrying(noRetries, vm("flaky", "vm-" + i, "Always"));
            }
            await("20 VMs running despite API errors", () -> {
                try {
                    return noRetries.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE).inNamespace("flaky")
                            .list().getItems().stream()
                            .filter(vm -> "Running".equals(status(vm).get("printableStatus"))).count() == 20;
                } catch (KubernetesClientException e) {
                    return false;
                }
            });

            flaky.setApiErrorRate(0.0);
            assertEquals(0.0, flaky.settings().apiErrorRate());
            for (int i = 0; i < 20; i++) {
                noRetries.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE).inAnyNamespace().list();
            }

            flaky.setAddedLatency(Duration.ofMillis(300));
            long started = System.nanoTime();
            noRetries.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE).inNamespace("flaky").withName("vm-0")
                    .get();
            assertTrue(System.nanoTime() - started >= Duration.ofMillis(300).toNanos());
            flaky.setAddedLatency(Duration.ZERO);
        }
    }

    /** Edits as a reconciler does: on a conflict with the simulator's status writes, reads again and retries. */
    private static void setRunStrategy(KubernetesClient client, String namespace, String name, String runStrategy) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE).inNamespace(namespace).withName(name)
                        .edit(vm -> {
                            map(vm.getAdditionalProperties().get("spec")).put("runStrategy", runStrategy);
                            return vm;
                        });
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
        fail("kept conflicting while setting runStrategy of " + namespace + "/" + name);
    }

    private static void createRetrying(KubernetesClient client, GenericKubernetesResource vm) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE).resource(vm).create();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409) {
                    return; // An earlier attempt got through; only its answer was lost.
                }
            }
        }
        fail("could not create " + vm.getMetadata().getName());
    }

    private static KubernetesClient clientFor(SimulatedCluster cluster) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(cluster.url()).build())
                .build();
    }

    private static GenericKubernetesResource vm(String namespace, String name, String runStrategy) {
        return Serialization.unmarshal("""
                apiVersion: kubevirt.io/v1
                kind: VirtualMachine
                metadata:
                  name: %1$s
                  namespace: %2$s
                spec:
                  runStrategy: %3$s
                  template:
                    metadata:
                      labels:
                        nuage.io/instance: %1$s
                    spec:
                      domain:
                        devices: {}
                        resources:
                          requests:
                            memory: 1Gi
                """.formatted(name, namespace, runStrategy), GenericKubernetesResource.class);
    }

    private static void awaitVm(KubernetesClient client, String namespace, String name, String printableStatus) {
        await(namespace + "/" + name + " " + printableStatus, () -> {
            GenericKubernetesResource vm = getVm(client, namespace, name);
            return vm != null && printableStatus.equals(status(vm).get("printableStatus"));
        });
    }

    private static GenericKubernetesResource getVm(KubernetesClient client, String namespace, String name) {
        return client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE).inNamespace(namespace).withName(name)
                .get();
    }

    private static GenericKubernetesResource vmi(KubernetesClient client, String namespace, String name) {
        return client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE_INSTANCE).inNamespace(namespace)
                .withName(name).get();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    private static Map<String, Object> status(GenericKubernetesResource resource) {
        return map(resource.getAdditionalProperties().get("status"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
