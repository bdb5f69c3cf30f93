package io.nuage.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The client Nuage builds for a real cluster. It gives up on a failing request within a second: the pass then fails
 * with the error in the resource's status, instead of being held for Fabric8's default ten retries (about 100 s) while
 * the API server fails. When its credentials are static (a certificate, or none) it does not read the kubeconfig again:
 * Fabric8's token refresh, which with no token to find re-read it before every request, is left out. With a token, or
 * something that yields one, the refresh stays.
 */
class RealClusterClientTest {

    /** The only token the API server below accepts. */
    private static final String ACCEPTED = "accepted-token";

    @TempDir
    Path dir;
    private HttpServer apiServer;
    /** The Authorization header of each request the API server received ("none" without one). */
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private String kubeconfigBefore;

    @BeforeEach
    void start() throws Exception {
        apiServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        apiServer.createContext("/", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization == null ? "none" : authorization);
            boolean accepted = ("Bearer " + ACCEPTED).equals(authorization);
            byte[] body = (accepted ? """
                    {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"tenant-a"}}"""
                    : """
                    {"apiVersion":"v1","kind":"Status","status":"Failure","reason":"Unauthorized","code":401}""")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(accepted ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        apiServer.start();
        // Fabric8 reads the kubeconfig named here at start, and again at each refresh.
        kubeconfigBefore = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
        System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, dir.resolve("config").toString());
    }

    @AfterEach
    void stop() {
        apiServer.stop(0);
        if (kubeconfigBefore == null) {
            System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
        } else {
            System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, kubeconfigBefore);
        }
    }

    @Test
    void aRealClusterClientRetriesAFewTimesOnly() throws Exception {
        Config config = realConfig("{token: not-a-real-token}");
        assertEquals("http://127.0.0.1:" + apiServer.getAddress().getPort() + "/", config.getMasterUrl());
        assertEquals(Cluster.REQUEST_RETRIES, config.getRequestRetryBackoffLimit());
    }

    @Test
    void aKubeconfigWithoutCredentialsIsReadOnceAtStart() throws Exception {
        // Fabric8's refresh would read the token written since and send the request again with it.
        KubernetesClientException refused = assertThrows(KubernetesClientException.class, () -> readAfterTheTokenIsWritten("{}"));
        assertEquals(401, refused.getCode());
        assertEquals(List.of("none"), authorizations);
    }

    @Test
    void aTokenIsReadAgainWhenTheApiServerRefusesIt() throws Exception {
        assertEquals("tenant-a", readAfterTheTokenIsWritten("{token: expired-token}"));
        assertEquals(List.of("Bearer expired-token", "Bearer " + ACCEPTED), authorizations);
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
        assertTrue(ClusterCredentials.areStatic(new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:1").build()));
    }

    /**
     * Starts Nuage's client on a kubeconfig with that user, then writes the token the API server accepts into the
     * kubeconfig and reads a namespace through the client: its name.
     */
    private String readAfterTheTokenIsWritten(String user) throws Exception {
        try (KubernetesClient client = Cluster.build(realConfig(user))) {
            writeKubeconfig("{token: " + ACCEPTED + "}");
            return client.namespaces().withName("tenant-a").get().getMetadata().getName();
        }
    }

    /** The configuration Nuage reads with {@code nuage.cluster.mode=kubeconfig} from a kubeconfig with that user. */
    private Config realConfig(String user) throws Exception {
        writeKubeconfig(user);
        return Cluster.realConfig(ClusterMode.KUBECONFIG);
    }

    private void writeKubeconfig(String user) throws Exception {
        Files.writeString(dir.resolve("config"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: "http://127.0.0.1:%d"}
                users:
                - name: u
                  user: %s
                contexts:
                - name: x
                  context: {cluster: c, user: u}
                current-context: x
                """.formatted(apiServer.getAddress().getPort(), user));
    }
}
