package io.nuage.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.StandardHttpClientBuilder;
import io.fabric8.kubernetes.client.utils.TokenRefreshInterceptor;

/**
 * The client Nuage builds for a real cluster. It gives up on a failing request within a second: the pass then fails
 * with the error in the resource's status, instead of being held for Fabric8's default ten retries (about 100 s) while
 * the API server fails. And when its credentials are static (a certificate, or none) it goes without Fabric8's token
 * refresh, which with no token to find re-read the kubeconfig before every request; one with a token, or something
 * that yields one, keeps it.
 */
class RealClusterClientTest {

    @TempDir
    Path dir;

    @Test
    void aRealClusterClientRetriesAFewTimesOnly() throws Exception {
        Config config = realConfig("{token: not-a-real-token}");
        assertEquals("https://127.0.0.1:6443/", config.getMasterUrl());
        assertEquals(Cluster.REQUEST_RETRIES, config.getRequestRetryBackoffLimit());
    }

    @Test
    void aKubeconfigUserWithoutCredentialsHasNoTokenRefresh() throws Exception {
        Config config = realConfig("{}");
        assertTrue(ClusterCredentials.areStatic(config));
        assertEquals(Set.of(), tokenInterceptors(config));
    }

    @Test
    void aTokenKeepsItsRefresh() throws Exception {
        Config config = realConfig("{token: not-a-real-token}");
        assertFalse(ClusterCredentials.areStatic(config));
        assertEquals(Set.of(TokenRefreshInterceptor.NAME), tokenInterceptors(config));
    }

    @Test
    void aClientCertificateIsStatic() throws Exception {
        assertTrue(ClusterCredentials.areStatic(realConfig("{client-certificate: cert.pem, client-key: key.pem}")));
    }

    @Test
    void whatCanYieldATokenLaterIsNotStatic() throws Exception {
        // An exec plugin that gave nothing at start: Fabric8 keeps trying, as before.
        assertFalse(ClusterCredentials.areStatic(realConfig("{exec: {apiVersion: client.authentication.k8s.io/v1,"
                + " command: " + dir.resolve("absent-plugin") + ", interactiveMode: Never}}")));
        assertFalse(ClusterCredentials.areStatic(realConfig("{username: u, password: p}")));
    }

    @Test
    void aCertificateFromAnExecPluginIsStatic() throws Exception {
        // Each refresh would run the plugin again, before every request, for a certificate the client never reloads.
        Path plugin = dir.resolve("certificate-plugin");
        Files.writeString(plugin, """
                #!/bin/sh
                echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":\
                {"clientCertificateData":"not-a-real-certificate","clientKeyData":"not-a-real-key"}}'
                """);
        assertTrue(plugin.toFile().setExecutable(true));
        assertTrue(ClusterCredentials.areStatic(realConfig("{exec: {apiVersion: client.authentication.k8s.io/v1,"
                + " command: " + plugin + ", interactiveMode: Never}}")));
    }

    @Test
    void theSimulatedClustersConfigurationIsStatic() {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:1").build();
        assertTrue(ClusterCredentials.areStatic(config));
        assertEquals(Set.of(), tokenInterceptors(config));
    }

    /** The token interceptor of the client Nuage builds for that configuration, if it has one. */
    private static Set<String> tokenInterceptors(Config config) {
        try (KubernetesClient client = Cluster.build(config)) {
            var interceptors = ((StandardHttpClientBuilder<?, ?, ?>) client.getHttpClient().newBuilder()).getInterceptors();
            return interceptors.containsKey(TokenRefreshInterceptor.NAME) ? Set.of(TokenRefreshInterceptor.NAME) : Set.of();
        }
    }

    /** The configuration Nuage reads with {@code nuage.cluster.mode=kubeconfig} from a kubeconfig with that user. */
    private Config realConfig(String user) throws Exception {
        Path kubeconfig = dir.resolve("config");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: "https://127.0.0.1:6443"}
                users:
                - name: u
                  user: %s
                contexts:
                - name: x
                  context: {cluster: c, user: u}
                current-context: x
                """.formatted(user));
        String before = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
        System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, kubeconfig.toString());
        try {
            return Cluster.realConfig(ClusterMode.KUBECONFIG);
        } finally {
            if (before == null) {
                System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
            } else {
                System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, before);
            }
        }
    }
}
