package io.nuage.terraform;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.nuage.terraform.cty.MsgPack;
import io.nuage.terraform.cty.Type;
import io.nuage.terraform.plugin.PluginServer;
import io.nuage.terraform.plugin.SelfSigned;
import io.nuage.terraform.proto.ProviderGrpc;
import io.nuage.terraform.proto.Tfplugin6;
import io.nuage.terraform.resources.InstanceResource;

/**
 * The build's training run for the class-data archive (AppCDS): goes through what every start of the provider
 * does (handshake with mutual TLS, schema, provider configuration, a plan) against itself, then exits, so that the
 * JVM started with {@code -XX:ArchiveClassesAtExit} archives those classes.
 */
final class Training {

    private Training() {
    }

    static void run() throws Exception {
        SelfSigned terraform = SelfSigned.localhost();
        Map<String, String> env = new HashMap<>();
        env.put(PluginServer.MAGIC_COOKIE_KEY, PluginServer.MAGIC_COOKIE);
        env.put("PLUGIN_CLIENT_CERT", "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(terraform.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        PluginServer.Started started = PluginServer.start(env, Main.provider(env));
        String[] handshake = started.handshake().split("\\|");
        // Trust is what the test of the handshake checks; here only the classes matter.
        ManagedChannel channel = NettyChannelBuilder
                .forTarget(handshake[3]).overrideAuthority("localhost")
                .sslContext(GrpcSslContexts.configure(SslContextBuilder.forClient()
                        .keyManager(terraform.keys().getPrivate(), terraform.certificate())
                        .trustManager(InsecureTrustManagerFactory.INSTANCE)).build())
                .build();
        ProviderGrpc.ProviderBlockingStub provider = ProviderGrpc.newBlockingStub(channel);
        provider.getProviderSchema(Tfplugin6.GetProviderSchema.Request.getDefaultInstance());
        Tfplugin6.DynamicValue config = Tfplugin6.DynamicValue.newBuilder().setMsgpack(ByteString.copyFrom(
                MsgPack.encode(Type.object(List.of(Map.entry("endpoint", Type.STRING), Map.entry("token", Type.STRING))),
                        Map.of("endpoint", "http://localhost:8080", "token", "training")))).build();
        provider.validateProviderConfig(Tfplugin6.ValidateProviderConfig.Request.newBuilder().setConfig(config).build());
        provider.configureProvider(Tfplugin6.ConfigureProvider.Request.newBuilder().setConfig(config).build());
        InstanceResource instance = new InstanceResource();
        Tfplugin6.DynamicValue web = Tfplugin6.DynamicValue.newBuilder().setMsgpack(ByteString.copyFrom(MsgPack.encode(
                instance.schema().type(), Map.of("tenant", "acme", "name", "web-1", "image", "fedora")))).build();
        Tfplugin6.DynamicValue none = Tfplugin6.DynamicValue.newBuilder()
                .setMsgpack(ByteString.copyFrom(MsgPack.encode(instance.schema().type(), null))).build();
        provider.validateResourceConfig(Tfplugin6.ValidateResourceConfig.Request.newBuilder()
                .setTypeName(instance.typeName()).setConfig(web).build());
        provider.planResourceChange(Tfplugin6.PlanResourceChange.Request.newBuilder().setTypeName(instance.typeName())
                .setPriorState(none).setProposedNewState(web).setConfig(web).build());
        channel.shutdownNow();
        started.server().shutdownNow();
        System.exit(0);
    }
}
