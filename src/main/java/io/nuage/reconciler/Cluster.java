package io.nuage.reconciler;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.nuage.platform.NuageConfig;
import io.nuage.simulator.SimulatedCluster;
import io.nuage.simulator.SimulatorSettings;

/**
 * The Kubernetes cluster Nuage reconciles onto: the one a kubeconfig or in-cluster service
 * account names, or the in-process simulated cluster. Either way the reconciler talks to it
 * over HTTP with the same Fabric8 client; only this class knows which it is.
 */
@Singleton
public class Cluster {

    private static final Logger LOG = Logger.getLogger(Cluster.class);

    private final KubernetesClient client;
    private final SimulatedCluster simulated;

    Cluster(NuageConfig config) {
        String mode = config.cluster().mode();
        boolean simulate = switch (mode) {
            case "simulated" -> true;
            case "kubeconfig" -> false;
            case "auto" -> !realClusterConfigured();
            default -> throw new IllegalStateException("nuage.cluster.mode must be auto, simulated or kubeconfig, not " + mode);
        };
        if (simulate) {
            NuageConfig.Simulator s = config.cluster().simulator();
            this.simulated = SimulatedCluster.start(new SimulatorSettings(s.provisionDelay(), s.startDelay(), s.stopDelay(), s.importDelay(),
                    s.apiErrorRate(), s.addedLatency(), s.podCidr(), s.port()),
                    Path.of(config.dataDir()).resolve("simulated-kubeconfig"));
            this.client = builder().withConfig(new ConfigBuilder(Config.empty())
                    .withMasterUrl(simulated.url()).withRequestRetryBackoffLimit(3).build()).build();
        } else {
            this.simulated = null;
            this.client = builder().build();
            LOG.infof("Reconciling onto the Kubernetes cluster at %s", client.getMasterUrl());
        }
    }

    /**
     * Watch events are handled on the thread that decoded them. Fabric8's default hands every event to a cached
     * thread pool twice (to the informer's store, then to its handlers): two thread wake-ups per event, which cost
     * more CPU than the store and handlers do. Both run in microseconds and never block: the store is a map, and
     * {@link ClusterCache}'s handler only marks the owning resource for a pass. Passes, which block, run on their own
     * threads.
     */
    private static KubernetesClientBuilder builder() {
        return new KubernetesClientBuilder().withTaskExecutor(Runnable::run);
    }

    public KubernetesClient client() {
        return client;
    }

    public boolean isSimulated() {
        return simulated != null;
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

    private static boolean realClusterConfigured() {
        String kubeconfig = System.getenv("KUBECONFIG");
        return (kubeconfig != null && !kubeconfig.isBlank())
                || Files.exists(Path.of(System.getProperty("user.home"), ".kube", "config"))
                || Files.exists(Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token"));
    }
}
