package io.nuage.terraform;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.nuage.terraform.plugin.PluginServer;
import io.nuage.terraform.provider.ProviderService;
import io.nuage.terraform.resources.AvailabilityData;
import io.nuage.terraform.resources.DataSource;
import io.nuage.terraform.resources.InstanceResource;
import io.nuage.terraform.resources.NetworkResource;
import io.nuage.terraform.resources.RestResource;
import io.nuage.terraform.resources.SnapshotResource;
import io.nuage.terraform.resources.TenantResource;
import io.nuage.terraform.resources.TokenResource;
import io.nuage.terraform.resources.VolumeResource;

/** The provider process Terraform starts: checks it was started by Terraform, serves, prints the handshake. */
public final class Main {

    private Main() {
    }

    public static ProviderService provider(Map<String, String> env) {
        TenantResource tenant = new TenantResource();
        InstanceResource instance = new InstanceResource();
        List<RestResource> resources = List.of(tenant, new TokenResource(), new NetworkResource(),
                new VolumeResource(), instance, new SnapshotResource());
        List<DataSource> dataSources = List.of(DataSource.of(tenant, Set.of("name")),
                DataSource.of(instance, Set.of("tenant", "name")), new AvailabilityData());
        return new ProviderService(resources, dataSources, env);
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--train")) {
            Training.run();
            return;
        }
        Map<String, String> env = System.getenv();
        String refusal = PluginServer.refusal(env);
        if (refusal != null) {
            System.err.println(refusal);
            System.exit(1);
        }
        PluginServer.Started started = PluginServer.start(env, provider(env));
        System.out.println(started.handshake());
        System.out.flush();
        started.awaitTermination();
    }
}
