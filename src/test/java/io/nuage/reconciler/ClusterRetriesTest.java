package io.nuage.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.client.Config;

/**
 * A real cluster's client gives up on a failing request within a second: the pass then fails with the error in the
 * resource's status, instead of being held for Fabric8's default ten retries (about 100 s) while the API server fails.
 */
class ClusterRetriesTest {

    @Test
    void aRealClusterClientRetriesAFewTimesOnly(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("config");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: "https://127.0.0.1:6443"}
                users:
                - name: u
                  user: {token: not-a-real-token}
                contexts:
                - name: x
                  context: {cluster: c, user: u}
                current-context: x
                """);
        String before = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
        System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, kubeconfig.toString());
        try {
            Config config = Cluster.realConfig(ClusterMode.KUBECONFIG);
            assertEquals("https://127.0.0.1:6443/", config.getMasterUrl());
            assertEquals(Cluster.REQUEST_RETRIES, config.getRequestRetryBackoffLimit());
        } finally {
            if (before == null) {
                System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
            } else {
                System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, before);
            }
        }
    }
}
