package io.nuage.reconciler;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the statuses this replica serves are vouched for: at start, when no other replica was observing
 * the cluster, they are first marked {@code Synced=Unknown} ({@link ObservationGap}), so that a load balancer never
 * sends a read to a replica that would present a status from before a gap as current.
 */
@Readiness
@ApplicationScoped
public class ReconcilerHealth implements HealthCheck {

    private final ReconcileLoop loop;

    ReconcilerHealth(ReconcileLoop loop) {
        this.loop = loop;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("reconciler").status(loop.statusesVouched()).build();
    }
}
