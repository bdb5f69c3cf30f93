package io.nuage.reconciler;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Says which cluster Nuage reconciles onto, and whether it is simulated. The API does not
 * need the cluster to serve requests, so this check does not fail readiness.
 */
@Readiness
@ApplicationScoped
public class ClusterHealth implements HealthCheck {

    private final Cluster cluster;

    ClusterHealth(Cluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("kubernetes-cluster").up()
                .withData("mode", cluster.mode().value())
                .withData("simulated", cluster.isSimulated())
                .withData("url", cluster.url())
                .build();
    }
}
