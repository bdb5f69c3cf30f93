package io.nuage.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.nuage.kubevirt.DataVolume;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.kubevirt.VirtualMachineInstance;

/**
 * Two installations of Nuage, each with its own database, on one cluster: the first runs the simulated cluster, the
 * second reaches it through the kubeconfig the first wrote, as a second local instance pointed at the same cluster
 * would. Each has a tenant with an instance and a volume; after three resyncs of each, every object of both is still
 * the one it made (same uid: neither deleted nor made again).
 */
class TwoInstallationsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<Class<? extends HasMetadata>> KINDS = List.of(Namespace.class, ResourceQuota.class,
            NetworkPolicy.class, Secret.class, VirtualMachine.class, VirtualMachineInstance.class, DataVolume.class,
            PersistentVolumeClaim.class);

    @TempDir
    Path workDir;

    @Test
    void twoInstallationsOnOneClusterNeverDeleteEachOthersObjects() throws Exception {
        int simulatorPort = JarServer.freePort();
        List<String> quick = List.of("-Dnuage.reconciler.resync-interval=2s", "-Dnuage.cluster.simulator.provision-delay=0s",
                "-Dnuage.cluster.simulator.start-delay=0s", "-Dnuage.cluster.simulator.import-delay=0s");
        List<String> first = new ArrayList<>(quick);
        first.addAll(List.of("-Dnuage.cluster.mode=simulated", "-Dnuage.cluster.simulator.port=" + simulatorPort));
        try (JarServer a = JarServer.start(workDir.resolve("a"), first, Map.of())) {
            Path kubeconfig = a.dataDir().resolve("simulated-kubeconfig");
            List<String> second = new ArrayList<>(quick);
            second.add("-Dnuage.cluster.mode=kubeconfig");
            try (JarServer b = JarServer.start(workDir.resolve("b"), second, Map.of("KUBECONFIG", kubeconfig.toString()));
                    KubernetesClient k8s = new KubernetesClientBuilder()
                            .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
                populate(a, "alpha");
                populate(b, "beta");
                Map<String, String> objects = objects(k8s);
                for (String tenant : List.of("alpha", "beta")) {
                    for (String o : List.of("VirtualMachine", "Secret", "DataVolume")) {
                        assertTrue(objects.keySet().stream().anyMatch(k -> k.startsWith(o + " nuage-" + tenant + "/")), o
                                + " of " + tenant + " in " + objects);
                    }
                }

                long resyncsA = a.resyncs();
                long resyncsB = b.resyncs();
                // Three resyncs of each, unless an object is deleted or made again before: the failure, seen at once.
                until("three resyncs of each", () -> a.resyncs() >= resyncsA + 3 && b.resyncs() >= resyncsB + 3
                        || !objects.equals(objects(k8s)));

                assertEquals(objects, objects(k8s), "every object of both installations is the one it made");
                for (JarServer s : List.of(a, b)) {
                    String tenant = s == a ? "alpha" : "beta";
                    String instance = s.call("GET", "/v1/tenants/" + tenant + "/instances/web", null).body();
                    assertTrue(instance.contains("\"phase\":\"running\""), instance);
                }
                // Nor may the second installation take the first one's tenant namespace.
                HttpResponse<String> taken = b.call("POST", "/v1/tenants", "{\"name\":\"alpha\"}");
                assertEquals(409, taken.statusCode(), taken.body());
                assertTrue(taken.body().contains("\"code\":\"namespace_taken\""), taken.body());
                // Each says at start which cluster it changes.
                assertTrue(a.log().contains("Cluster: SIMULATED, at http://127.0.0.1:" + simulatorPort), a.log());
                assertTrue(Pattern.compile("Cluster: REAL Kubernetes cluster at http://127\\.0\\.0\\.1:" + simulatorPort
                        + "/? \\(nuage\\.cluster\\.mode=kubeconfig").matcher(b.log()).find(), b.log());
            }
        }
    }

    /** A tenant with an instance (user data and an SSH key: two Secrets) and a blank volume, all ready. */
    private static void populate(JarServer s, String tenant) throws Exception {
        assertEquals(201, s.call("POST", "/v1/tenants", "{\"name\":\"" + tenant + "\"}").statusCode());
        HttpResponse<String> instance = s.call("POST", "/v1/tenants/" + tenant + "/instances", """
                {"name":"web","vcpus":1,"memory_mib":512,"image":"quay.io/containerdisks/fedora:41",
                 "user_data":"#cloud-config\\n","ssh_keys":["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHh0bWx1c2VyQGV4YW1wbGUuY29tIGtleSBmb3IgdGVzdHM alice@laptop"]}""");
        assertEquals(201, instance.statusCode(), instance.body());
        HttpResponse<String> volume = s.call("POST", "/v1/tenants/" + tenant + "/volumes", "{\"name\":\"data\",\"size_gib\":1}");
        assertEquals(201, volume.statusCode(), volume.body());
        until(tenant + "'s instance running and volume ready", () -> {
            try {
                return s.call("GET", "/v1/tenants/" + tenant + "/instances/web", null).body().contains("\"phase\":\"running\"")
                        && s.call("GET", "/v1/tenants/" + tenant + "/volumes/data", null).body().contains("\"phase\":\"ready\"");
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** By kind, namespace and name, the uid of every object of both tenants. */
    private static Map<String, String> objects(KubernetesClient k8s) {
        Map<String, String> uids = new TreeMap<>();
        for (Class<? extends HasMetadata> kind : KINDS) {
            for (String tenant : List.of("alpha", "beta")) {
                for (HasMetadata o : k8s.resources(kind).inAnyNamespace().withLabel("nuage.io/tenant", tenant).list().getItems()) {
                    uids.put(kind.getSimpleName() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName(),
                            o.getMetadata().getUid());
                }
            }
        }
        return uids;
    }

    private static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
