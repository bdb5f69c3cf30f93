package io.nuage.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.nuage.platform.NuageConfig;
import io.smallrye.config.WithDefault;

/** A real cluster only when the configuration names it; never one found lying around on the machine. */
class ClusterModeTest {

    /** A workstation with a kubeconfig, inside a pod: everything a real mode could use. */
    private static final ClusterMode.Environment EVERYTHING = new ClusterMode.Environment(
            List.of(Path.of("/home/dev/.kube/config")), true);
    private static final ClusterMode.Environment NOTHING = new ClusterMode.Environment(List.of(), false);

    @Test
    void theDefaultIsTheSimulatedClusterWhateverTheMachineHas() throws Exception {
        String configured = NuageConfig.Cluster.class.getMethod("mode").getAnnotation(WithDefault.class).value();

        ClusterMode mode = ClusterMode.of(configured);
        mode.requireAvailable(EVERYTHING);
        assertEquals(ClusterMode.SIMULATED, mode);
        assertTrue(mode.simulated());
    }

    @Test
    void aRealClusterIsNamedByTheConfiguration() {
        assertEquals(ClusterMode.KUBECONFIG, ClusterMode.of("kubeconfig"));
        assertEquals(ClusterMode.IN_CLUSTER, ClusterMode.of("in-cluster"));
        assertFalse(ClusterMode.of("kubeconfig").simulated());
        assertFalse(ClusterMode.of("in-cluster").simulated());
        ClusterMode.KUBECONFIG.requireAvailable(EVERYTHING);
        ClusterMode.IN_CLUSTER.requireAvailable(EVERYTHING);
    }

    @Test
    void autoIsGoneAndSaysWhatIsAllowed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ClusterMode.of("auto"));
        assertEquals("nuage.cluster.mode must be one of simulated, kubeconfig, in-cluster, not 'auto'"
                + " (auto was removed: name the cluster Nuage may change)", e.getMessage());
        assertEquals("nuage.cluster.mode must be one of simulated, kubeconfig, in-cluster, not 'Simulated'",
                assertThrows(IllegalStateException.class, () -> ClusterMode.of("Simulated")).getMessage());
    }

    @Test
    void aRealModeNeverFallsBackToAnotherCluster() {
        // In a pod without a kubeconfig, kubeconfig mode does not take the pod's service account instead.
        ClusterMode.Environment podOnly = new ClusterMode.Environment(List.of(), true);
        assertTrue(assertThrows(IllegalStateException.class, () -> ClusterMode.KUBECONFIG.requireAvailable(podOnly))
                .getMessage().startsWith("nuage.cluster.mode=kubeconfig, but there is no kubeconfig"));
        // With a kubeconfig but outside a pod, in-cluster mode does not take the kubeconfig instead.
        ClusterMode.Environment kubeconfigOnly = new ClusterMode.Environment(List.of(Path.of("/home/dev/.kube/config")), false);
        assertTrue(assertThrows(IllegalStateException.class, () -> ClusterMode.IN_CLUSTER.requireAvailable(kubeconfigOnly))
                .getMessage().startsWith("nuage.cluster.mode=in-cluster, but this process is not in a Kubernetes pod"));
        ClusterMode.SIMULATED.requireAvailable(NOTHING);
    }
}
