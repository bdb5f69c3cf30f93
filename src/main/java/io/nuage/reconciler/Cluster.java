package io.nuage.reconciler;

import java.nio.file.Path;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.nuage.platform.NuageConfig;
import io.nuage.platform.RegionDirectory;
import io.nuage.platform.SimulatedClusterSettings;
import io.nuage.simulator.SimulatedCluster;
import io.nuage.simulator.SimulatorSettings;

/**
 * The Kubernetes cluster Nuage reconciles onto: the in-process simulated cluster, or the real one that
 * {@code nuage.cluster.mode} names (a kubeconfig, or the pod's service account), never one merely found on the
 * machine. Either way the reconciler talks to it over HTTP with the same Fabric8 client; only this class knows which
 * it is, and says so in one line at start.
 */
@Singleton
public class Cluster {

    private static final Logger LOG = Logger.getLogger(Cluster.class);

    private final ClusterMode mode;
    /**
     * A failed request is retried this many times by the client (from 100 ms, doubling: under a second), then the pass
     * fails, its resource's status says why, and the reconciler's own backoff takes over. Fabric8's default of 10
     * retries held a pass for about 100 s while the API server failed, and with it the status of every resource queued
     * behind it (docs/reliability.md).
     */
    static final int REQUEST_RETRIES = 3;

    private final KubernetesClient client;
    private final SimulatedCluster simulated;

    Cluster(NuageConfig config, RegionDirectory regions) {
        this.mode = ClusterMode.of(config.cluster().mode());
        if (mode.simulated()) {
            SimulatedClusterSettings s = config.cluster().simulator();
            this.simulated = SimulatedCluster.start(new SimulatorSettings(s.provisionDelay(), s.startDelay(), s.agentDelay(), s.stopDelay(), s.importDelay(),
                    s.apiErrorRate(), s.addedLatency(), s.podCidr(), s.port(), regions.names(), s.egressBytesPerSecond()),
                    Path.of(config.dataDir()).resolve("simulated-kubeconfig"));
            this.client = build(new ConfigBuilder(Config.empty()).withMasterUrl(simulated.url())
                    .withRequestRetryBackoffLimit(REQUEST_RETRIES).build());
            LOG.infof("Cluster: SIMULATED, at %s (nuage.cluster.mode=simulated): no virtual machine really runs. A real cluster"
                    + " is used only with nuage.cluster.mode=kubeconfig or in-cluster", simulated.url());
        } else {
            mode.requireAvailable(ClusterMode.Environment.current(Config.getKubeconfigFilenames()));
            this.simulated = null;
            this.client = build(realConfig(mode));
            var context = client.getConfiguration().getCurrentContext();
            LOG.infof("Cluster: REAL Kubernetes cluster at %s (nuage.cluster.mode=%s%s): Nuage creates and deletes objects there",
                    client.getMasterUrl(), mode.value(), context == null ? "" : ", context " + context.getName());
        }
    }

    /** The configuration of the real cluster the mode names, as Fabric8 reads it. */
    static Config realConfig(ClusterMode mode) {
        if (mode == ClusterMode.IN_CLUSTER) {
            // Fabric8 reads a kubeconfig first when one exists: in-cluster means the pod's service account alone.
            System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
        }
        Config config = Config.autoConfigure(null);
        config.setRequestRetryBackoffLimit(REQUEST_RETRIES);
        return config;
    }

    /**
     * Watch events are handled on the thread that decoded them. Fabric8's default hands every event to a cached
     * thread pool twice (to the informer's store, then to its handlers): two thread wake-ups per event, which cost
     * more CPU than the store and handlers do. Both run in microseconds and never block: the store is a map, and
     * {@link ClusterCache}'s handler only marks the owning resource for a pass. Passes, which block, run on their own
     * threads. Static credentials go without Fabric8's token refresh ({@link ClusterCredentials}).
     */
    static KubernetesClient build(Config config) {
        return new KubernetesClientBuilder().withConfig(config).withTaskExecutor(Runnable::run)
                .withKubernetesSerialization(ClusterSerialization.create())
                .withHttpClientBuilderConsumer(http -> ClusterCredentials.dropTokenRefreshIfStatic(config, http)).build();
    }

    public KubernetesClient client() {
        return client;
    }

    /**
     * The client as a bean, for the one reader of the cluster outside the reconciler (the instance console): it replaces
     * the Kubernetes extension's default client, which would read whatever kubeconfig the machine has.
     */
    @Produces
    @Singleton
    KubernetesClient kubernetesClient() {
        return client;
    }

    public boolean isSimulated() {
        return simulated != null;
    }

    ClusterMode mode() {
        return mode;
    }

    /** The simulated cluster, for tests, the benchmark and health; null on a real cluster. */
    public SimulatedCluster simulated() {
        return simulated;
    }

    public String url() {
        return client.getMasterUrl().toString();
    }

    @PreDestroy
    void close() {
        client.close();
        if (simulated != null) {
            simulated.close();
        }
    }
}
