package io.nuage.terraform.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.nuage.terraform.Main;
import io.nuage.terraform.proto.ProviderGrpc;
import io.nuage.terraform.proto.Tfplugin6;

/** The handshake as go-plugin makes it, with automatic mutual TLS: what Terraform's client checks, checked here. */
class PluginServerTest {

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void withoutTheMagicCookieThePluginRefusesToRun() {
        assertNotNull(PluginServer.refusal(Map.of()));
        assertNotNull(PluginServer.refusal(Map.of(PluginServer.MAGIC_COOKIE_KEY, PluginServer.MAGIC_COOKIE,
                "PLUGIN_PROTOCOL_VERSIONS", "4,5")));
        assertNull(PluginServer.refusal(Map.of(PluginServer.MAGIC_COOKIE_KEY, PluginServer.MAGIC_COOKIE,
                "PLUGIN_PROTOCOL_VERSIONS", "5,6")));
    }

    @Test
    void theHandshakeLineNamesALoopbackPortAndACertificateThatServesMutualTls() throws Exception {
        SelfSigned terraform = SelfSigned.localhost();
        Map<String, String> env = Map.of(PluginServer.MAGIC_COOKIE_KEY, PluginServer.MAGIC_COOKIE,
                "PLUGIN_CLIENT_CERT", pem(terraform.certificate()), "PLUGIN_MIN_PORT", "20000",
                "PLUGIN_MAX_PORT", "20999");
        PluginServer.Started started = PluginServer.start(env, Main.provider(env));
        try {
            String[] parts = started.handshake().split("\\|");
            assertEquals(List.of("1", "6", "tcp"), List.of(parts[0], parts[1], parts[2]));
            assertEquals("grpc", parts[4]);
            int port = Integer.parseInt(parts[3].substring("127.0.0.1:".length()));
            assertTrue(port >= 20000 && port <= 20999, parts[3]);
            assertTrue(!parts[5].endsWith("="), "unpadded base64, as go-plugin reads it");
            X509Certificate server = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(parts[5])));
            assertTrue(server.getSubjectAlternativeNames().toString().contains("localhost"));

            ManagedChannel trusted = channel(port, server, terraform);
            Tfplugin6.GetProviderSchema.Response schema = ProviderGrpc.newBlockingStub(trusted)
                    .getProviderSchema(Tfplugin6.GetProviderSchema.Request.getDefaultInstance());
            assertTrue(schema.getResourceSchemasMap().keySet().containsAll(List.of("nuage_tenant", "nuage_token",
                    "nuage_network", "nuage_volume", "nuage_instance", "nuage_snapshot")));
            assertTrue(schema.getDataSourceSchemasMap().keySet().containsAll(
                    List.of("nuage_tenant", "nuage_instance", "nuage_availability")));
            trusted.shutdownNow();

            // A client without the certificate Terraform announced is refused.
            ManagedChannel stranger = channel(port, server, SelfSigned.localhost());
            assertThrows(StatusRuntimeException.class, () -> ProviderGrpc.newBlockingStub(stranger)
                    .getProviderSchema(Tfplugin6.GetProviderSchema.Request.getDefaultInstance()));
            stranger.shutdownNow();
        } finally {
            started.server().shutdownNow();
        }
    }

    private static ManagedChannel channel(int port, X509Certificate server, SelfSigned client) throws Exception {
        return NettyChannelBuilder.forAddress("127.0.0.1", port).overrideAuthority("localhost")
                .sslContext(GrpcSslContexts.configure(SslContextBuilder.forClient()
                        .keyManager(client.keys().getPrivate(), client.certificate()).trustManager(server)).build())
                .build();
    }
}
