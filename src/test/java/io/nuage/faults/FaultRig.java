package io.nuage.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.simulator.SimulatedCluster;
import io.nuage.simulator.SimulatorSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * What the fault tests run Nuage on: a PostgreSQL of their own, which they can stop and start
 * again on the same data, and the simulated cluster in the test's JVM (so that it outlives any
 * replica, as a real cluster would, and its API can be made to fail). Replicas reach both over
 * 127.0.0.1. Also the client side: calls, and what a user would read.
 */
final class FaultRig implements AutoCloseable {

    static final String ADMIN_TOKEN = "fault-suite-admin-token-not-a-secret-0123456789";
    static final String SECRET_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    static final ObjectMapper JSON = new ObjectMapper();

    final Path workDir;
    final int postgresPort;
    final SimulatedCluster cluster;
    final Path kubeconfig;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Replica> replicas = new ArrayList<>();
    private final KubernetesClient kube;
    private EmbeddedPostgres postgres;

    FaultRig(Path workDir) throws Exception {
        this.workDir = workDir;
        this.postgresPort = Replica.freePort();
        this.postgres = startPostgres();
        this.kubeconfig = workDir.resolve("kubeconfig");
        SimulatedCluster c = null;
        try {
            c = SimulatedCluster.start(SimulatorSettings.defaults(), kubeconfig);
        } finally {
            if (c == null) {
                postgres.close();
            }
        }
        this.cluster = c;
        this.kube = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
    }

    private EmbeddedPostgres startPostgres() throws IOException {
        // Not cleaned on close: the outage stops it and starts it again on the same data.
        return EmbeddedPostgres.builder().setPort(postgresPort).setDataDirectory(workDir.resolve("pg"))
                .setCleanDataDirectory(false).start();
    }

    Replica replica(String name, String... settings) throws Exception {
        Replica r = Replica.start(name, workDir, postgresPort, kubeconfig, List.of(settings));
        replicas.add(r);
        return r;
    }

    void stopPostgres() throws IOException {
        postgres.close();
        postgres = null;
    }

    void startPostgresAgain() throws IOException {
        postgres = startPostgres();
    }

    Connection sql() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres", "postgres", "");
    }

    /** A call; status -1 when it got no answer at all (connection refused, reset, timed out). */
    Answer call(Replica r, String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(r.url() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            return new Answer(-1, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "", "interrupted");
        }
    }

    record Answer(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    /** A tenant with room for {@code instances} small instances. */
    void tenant(Replica r, String name, int instances) {
        Answer a = call(r, "POST", "/v1/tenants", "{\"name\":\"" + name + "\",\"quota\":{\"vcpus\":" + instances
                + ",\"memory_mib\":" + instances * 512 + ",\"storage_gib\":1000,\"instances\":" + instances + "}}");
        if (a.status() != 201) {
            throw new IllegalStateException("tenant not created: " + a);
        }
    }

    static String instance(String name) {
        return "{\"name\":\"" + name + "\",\"vcpus\":1,\"memory_mib\":512,\"image\":\"quay.io/containerdisks/fedora:41\"}";
    }

    /** Every instance of the tenant, by name, as the API lists them. */
    Map<String, JsonNode> instances(Replica r, String tenant) {
        Map<String, JsonNode> out = new HashMap<>();
        String token = null;
        do {
            Answer a = call(r, "GET", "/v1/tenants/" + tenant + "/instances?limit=500" + (token == null ? "" : "&page_token=" + token), null);
            if (a.status() != 200) {
                throw new IllegalStateException("list failed: " + a);
            }
            JsonNode page = a.json();
            page.get("items").forEach(i -> out.put(i.get("name").asText(), i));
            token = page.path("next_page_token").isNull() ? null : page.path("next_page_token").asText(null);
        } while (token != null);
        return out;
    }

    /** How many VirtualMachines the cluster holds per instance id (their {@code nuage.io/resource-id} label). */
    Map<String, Integer> virtualMachines() {
        Map<String, Integer> out = new HashMap<>();
        for (VirtualMachine vm : kube.resources(VirtualMachine.class).inAnyNamespace().list().getItems()) {
            out.merge(vm.getMetadata().getLabels().getOrDefault("nuage.io/resource-id", "?"), 1, Integer::sum);
        }
        return out;
    }

    /** Appends a line to the run's table of figures, and prints it. */
    static void figure(String line) throws IOException {
        System.out.println("[fault] " + line);
        Path table = Path.of(System.getProperty("faults.table", "target/faults.md"));
        Files.createDirectories(table.toAbsolutePath().getParent());
        Files.writeString(table, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Override
    public void close() throws Exception {
        for (Replica r : replicas) {
            try {
                r.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }
        kube.close();
        cluster.close();
        if (postgres != null) {
            postgres.close();
        }
    }
}
