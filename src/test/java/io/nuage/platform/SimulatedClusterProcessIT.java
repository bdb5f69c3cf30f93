package io.nuage.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.nuage.kubevirt.VirtualMachine;

/**
 * The simulated cluster in a process of its own ({@code java -jar quarkus-run.jar simulated-cluster}), and Nuage in
 * another reaching it through the kubeconfig it wrote: Nuage's JVM then holds none of the simulator's objects.
 */
class SimulatedClusterProcessIT {

    @TempDir
    Path workDir;

    @Test
    void nuageRunsItsInstancesOnASimulatedClusterInAnotherProcess() throws Exception {
        Path kubeconfig = workDir.resolve("cluster/kubeconfig");
        Process cluster = simulatedCluster("--kubeconfig", kubeconfig.toString(), "--instant");
        try {
            String ready = awaitLine(cluster, "simulated cluster ready: ");
            assertTrue(ready.contains("kubeconfig " + kubeconfig.toAbsolutePath()), ready);
            assertTrue(Files.readString(kubeconfig).contains("server: http://127.0.0.1:"), "kubeconfig written");
            try (JarServer nuage = JarServer.start(workDir.resolve("nuage"), List.of("-Dnuage.cluster.mode=kubeconfig"),
                    Map.of("KUBECONFIG", kubeconfig.toString()));
                    KubernetesClient k8s = new KubernetesClientBuilder()
                            .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
                assertEquals(201, nuage.call("POST", "/v1/tenants", "{\"name\":\"apart\"}").statusCode());
                HttpResponse<String> created = nuage.call("POST", "/v1/tenants/apart/instances",
                        "{\"name\":\"web\",\"vcpus\":1,\"memory_mib\":512,\"image\":\"quay.io/containerdisks/fedora:41\"}");
                assertEquals(201, created.statusCode(), created.body());
                HttpResponse<String> running = nuage.call("GET", "/v1/tenants/apart/instances/web?wait_for=running&timeout=60s", null);
                assertTrue(running.body().contains("\"phase\":\"running\""), running.body());
                assertEquals(1, k8s.resources(VirtualMachine.class).inNamespace("nuage-apart").list().getItems().size());
                String log = nuage.log();
                assertTrue(log.contains("Cluster: REAL Kubernetes cluster at http://127.0.0.1:"), log);
                assertFalse(log.contains("SIMULATED Kubernetes cluster started"), "no simulator in Nuage's process: " + log);
            }
        } finally {
            cluster.destroy();
            assertTrue(cluster.waitFor(30, TimeUnit.SECONDS), "the simulated cluster stops on SIGTERM");
        }
    }

    @Test
    void aMistakenCommandLineIsRefusedWithItsUsage() throws Exception {
        Process cluster = simulatedCluster("--port", "70000");
        assertTrue(cluster.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, cluster.exitValue());
        String output = Files.readString(workDir.resolve("simulated-cluster.log"));
        assertTrue(output.contains("--port must be 0 to 65535, not '70000'"), output);
        assertTrue(output.contains("usage: java -jar quarkus-run.jar simulated-cluster --kubeconfig FILE"), output);
    }

    private Process simulatedCluster(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("nuage.jar"), "simulated-cluster"));
        command.addAll(List.of(options));
        return new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("simulated-cluster.log").toFile()).start();
    }

    /** The first line of the process's output that starts with {@code prefix}, within 60 s. */
    private String awaitLine(Process process, String prefix) throws Exception {
        Path log = workDir.resolve("simulated-cluster.log");
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            assertTrue(process.isAlive(), () -> "the simulated cluster exited: " + read(log));
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + prefix + "' within 60 s: " + read(log));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
