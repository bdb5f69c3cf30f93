package io.nuage.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * A simulated Kubernetes cluster with KubeVirt, run in-process: Fabric8's mock API server in CRUD mode on
 * 127.0.0.1 (plain HTTP), with simulated KubeVirt controllers acting on VirtualMachines. Clients reach it over HTTP
 * like any cluster, through the kubeconfig it writes. It can inject transient API errors and latency, changeable
 * while it runs. Blocking: call {@link #start}, {@link #crash} and {@link #close} off Vert.x event-loop threads.
 */
public final class SimulatedCluster implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SimulatedCluster.class);

    private final KubernetesMockServer server;
    private final FaultInjectingDispatcher dispatcher;
    private final SimulatorSettings settings;
    private final String url;
    private final Path kubeconfigFile;
    private final KubernetesClient controllerClient;
    private final VirtualMachineController controller;
    private final DataVolumeController storage;
    private final SnapshotController snapshots;
    private final LauncherPodController launchers;

    private SimulatedCluster(KubernetesMockServer server, FaultInjectingDispatcher dispatcher,
            SimulatorSettings settings, String url, Path kubeconfigFile, KubernetesClient controllerClient,
            VirtualMachineController controller, DataVolumeController storage, SnapshotController snapshots,
            LauncherPodController launchers) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.settings = settings;
        this.url = url;
        this.kubeconfigFile = kubeconfigFile;
        this.controllerClient = controllerClient;
        this.controller = controller;
        this.storage = storage;
        this.snapshots = snapshots;
        this.launchers = launchers;
    }

    /** Starts the API server and the simulated KubeVirt, and writes a kubeconfig for them to the given file. */
    public static SimulatedCluster start(SimulatorSettings settings, Path kubeconfigFile) {
        String bypassToken = UUID.randomUUID().toString();
        List<CustomResourceDefinitionContext> crds = new ArrayList<>(KubeVirtKinds.WITH_STATUS_SUBRESOURCE);
        crds.addAll(MultusKinds.CRDS);
        crds.addAll(KubeVirtKinds.CLUSTER_SCOPED);
        SimulatedConsoles.offerKubeVirtSubprotocol();
        MockWebServer web = new MockWebServer();
        FaultInjectingDispatcher dispatcher = new FaultInjectingDispatcher(crds, bypassToken, settings.apiErrorRate(),
                settings.addedLatency(), settings.egressBytesPerSecond(), web::reset);
        KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()),
                web, new HashMap<>(), dispatcher, false);
        server.init(loopback(), settings.port());
        String url = "http://127.0.0.1:" + server.getPort();
        KubernetesClient controllerClient = null;
        VirtualMachineController controller = null;
        DataVolumeController storage = null;
        SnapshotController snapshots = null;
        LauncherPodController launchers = null;
        try {
            writeKubeconfig(kubeconfigFile, url);
            controllerClient = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                    .withMasterUrl(url)
                    .withCustomHeaders(Map.of(FaultInjectingDispatcher.BYPASS_HEADER, bypassToken))
                    .build()).build();
            controller = new VirtualMachineController(controllerClient, settings);
            controller.start();
            storage = new DataVolumeController(controllerClient, settings);
            storage.start();
            snapshots = new SnapshotController(controllerClient);
            snapshots.start();
            launchers = new LauncherPodController(controllerClient);
            launchers.start();
            LoadBalancerController.start(controllerClient);
            ExportController.start(controllerClient);
        } catch (RuntimeException e) {
            if (launchers != null) {
                launchers.close();
            }
            if (snapshots != null) {
                snapshots.close();
            }
            if (storage != null) {
                storage.close();
            }
            if (controller != null) {
                controller.close();
            }
            if (controllerClient != null) {
                controllerClient.close();
            }
            server.destroy();
            throw e;
        }
        LOG.infof("SIMULATED Kubernetes cluster started (not a real cluster; VirtualMachines are simulated, "
                + "nothing runs): API %s, kubeconfig %s; delays provision %s, start %s, stop %s, import %s; "
                + "API error rate %.2f, added latency %s; pod CIDR %s; Prometheus %s/api/v1/query, egress %d B/s per running VMI",
                url, kubeconfigFile.toAbsolutePath(), settings.provisionDelay(), settings.startDelay(),
                settings.stopDelay(), settings.importDelay(), settings.apiErrorRate(), settings.addedLatency(), settings.podCidr(), url, settings.egressBytesPerSecond());
        return new SimulatedCluster(server, dispatcher, settings, url, kubeconfigFile, controllerClient, controller,
                storage, snapshots, launchers);
    }

    /** The API requests Nuage made, by "METHOD resource status", e.g. "POST virtualmachines 201". */
    public Map<String, Long> requestCounts() {
        return dispatcher.requestCounts();
    }

    /** The same, of the requests made in one namespace, or on it. */
    public Map<String, Long> requestCounts(String namespace) {
        return dispatcher.requestCounts(namespace);
    }

    /** How many of the requests it served the web server still holds on to (see {@link FaultInjectingDispatcher}). */
    int recordedRequests() {
        return server.getRequestCount();
    }

    /** The API server's base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return url;
    }

    public Path kubeconfigFile() {
        return kubeconfigFile;
    }

    /** The settings in force now: those the cluster started with, with the current error rate and latency. */
    public SimulatorSettings settings() {
        return settings.withApiErrorRate(dispatcher.errorRate()).withAddedLatency(dispatcher.latency());
    }

    /** Fraction (0.0 to 1.0) of API requests, from now on, answered with a transient 500, 503 or 429. */
    /**
     * Answers 403 to every request, watches included, for these resources (plural names, e.g. "secrets") across all
     * namespaces, as deploy/kubernetes.yaml's RBAC does; counted in {@link #requestCounts()} as "GET secrets 403".
     */
    public void refuseClusterWide(java.util.Set<String> resources) {
        dispatcher.refuseClusterWide(resources);
    }

    /** Whether its Prometheus query endpoint ({@code <url>/api/v1/query}) answers, or 503s as one that is down. */
    public void setPrometheusAvailable(boolean available) {
        dispatcher.prometheus().setAvailable(available);
        LOG.infof("SIMULATED cluster %s: Prometheus %s", url, available ? "answers again" : "now down (503)");
    }

    public void setApiErrorRate(double rate) {
        dispatcher.setErrorRate(rate);
        LOG.infof("SIMULATED cluster %s: API error rate now %.2f", url, rate);
    }

    /** Delay added, from now on, to every API response. */
    public void setAddedLatency(Duration latency) {
        dispatcher.setLatency(latency);
        LOG.infof("SIMULATED cluster %s: added API latency now %s", url, latency);
    }

    /**
     * Crashes the VM's instance: it goes Failed and the VM CrashLoopBackOff, then after the start delay it is
     * restarted. Same as annotating the VM {@code sim.nuage.io/crash: "true"}.
     *
     * @throws io.fabric8.kubernetes.client.KubernetesClientException if there is no such VM
     */
    public void crash(String namespace, String name) {
        controller.crash(namespace, name, null);
    }

    /** The same crash, the instance staying Failed for {@code failedFor} (at least the start delay). */
    public void crash(String namespace, String name, Duration failedFor) {
        controller.crash(namespace, name, failedFor);
    }

    @Override
    public void close() {
        launchers.close();
        snapshots.close();
        storage.close();
        controller.close();
        controllerClient.close();
        server.destroy();
        LOG.infof("SIMULATED Kubernetes cluster at %s stopped", url);
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (UnknownHostException e) {
            throw new IllegalStateException("no IPv4 loopback", e);
        }
    }

    private static void writeKubeconfig(Path file, String url) {
        String kubeconfig = """
                # Written by Nuage for its SIMULATED cluster (not a real cluster); valid while Nuage runs.
                apiVersion: v1
                kind: Config
                clusters:
                - name: nuage-simulated
                  cluster:
                    server: %s
                users:
                - name: nuage-simulated
                  user: {}
                contexts:
                - name: nuage-simulated
                  context:
                    cluster: nuage-simulated
                    user: nuage-simulated
                    namespace: default
                current-context: nuage-simulated
                """.formatted(url);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, kubeconfig);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the simulated cluster's kubeconfig to " + file, e);
        }
    }
}
