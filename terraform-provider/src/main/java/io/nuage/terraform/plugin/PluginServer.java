package io.nuage.terraform.plugin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;

/**
 * go-plugin's side of the plugin handshake: Terraform starts the plugin with a magic cookie, the protocol versions
 * it speaks, a port range and (automatic mutual TLS) its client certificate; the plugin serves gRPC on 127.0.0.1 and
 * answers on stdout with {@code 1|6|tcp|127.0.0.1:PORT|grpc|<its certificate, DER in unpadded base64>}.
 */
public final class PluginServer {

    public static final String MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
    public static final String MAGIC_COOKIE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
    static final int PROTOCOL = 6;

    private PluginServer() {
    }

    /** Why this environment is not Terraform's, or null when it is. */
    public static String refusal(Map<String, String> env) {
        if (!MAGIC_COOKIE.equals(env.get(MAGIC_COOKIE_KEY))) {
            return "This binary is a plugin: Terraform starts it (see the README for the dev_overrides configuration).";
        }
        String versions = env.get("PLUGIN_PROTOCOL_VERSIONS");
        if (versions != null && !versions.isEmpty()
                && !List.of(versions.split(",")).contains(String.valueOf(PROTOCOL))) {
            return "This plugin speaks protocol " + PROTOCOL + "; the client offers " + versions
                    + " (Terraform 1.0 or later, or OpenTofu, speak it).";
        }
        return null;
    }

    /** Starts serving and returns the handshake line. */
    public static Started start(Map<String, String> env, BindableService provider)
            throws IOException, GeneralSecurityException {
        String clientCert = env.get("PLUGIN_CLIENT_CERT");
        SelfSigned own = clientCert == null || clientCert.isEmpty() ? null : SelfSigned.localhost();
        int min = port(env.get("PLUGIN_MIN_PORT"), 10000);
        int max = Math.max(min, port(env.get("PLUGIN_MAX_PORT"), 25000));
        Server[] holder = new Server[1];
        Controller controller = new Controller(() -> new Thread(() -> {
            holder[0].shutdown();
            Runtime.getRuntime().halt(0);
        }).start());
        IOException last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(min, max + 1);
            NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                    .addService(provider).addService(controller).maxInboundMessageSize(256 << 20);
            if (own != null) {
                // The JDK's TLS: BoringSSL's defaults leave out the P-521 signatures of Terraform's certificate.
                builder.sslContext(GrpcSslContexts.configure(SslContextBuilder
                        .forServer(own.keys().getPrivate(), own.certificate())
                        .trustManager(trusted(clientCert)).clientAuth(ClientAuth.REQUIRE), SslProvider.JDK).build());
            }
            try {
                holder[0] = builder.build().start();
                String cert = own == null ? ""
                        : Base64.getEncoder().withoutPadding().encodeToString(own.certificate().getEncoded());
                return new Started(holder[0], "1|" + PROTOCOL + "|tcp|127.0.0.1:" + port + "|grpc|" + cert);
            } catch (IOException taken) {
                last = taken;
            }
        }
        throw new IOException("no free port in " + min + "-" + max, last);
    }

    public record Started(Server server, String handshake) {
        public void awaitTermination() throws InterruptedException {
            server.awaitTermination(365, TimeUnit.DAYS);
        }
    }

    private static X509Certificate trusted(String pem) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static int port(String text, int otherwise) {
        try {
            return text == null || text.isEmpty() ? otherwise : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
