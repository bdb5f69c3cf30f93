package io.nuage.reconciler;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;

import io.fabric8.kubernetes.api.model.Service;
import io.nuage.db.Sql;
import io.nuage.kubevirt.DesiredPublicIp;
import io.nuage.kubevirt.Labels;
import io.nuage.kubevirt.PublicIpObjects;
import io.nuage.kubevirt.TenantObjects;
import io.nuage.publicip.PublicIp;
import io.nuage.publicip.PublicIpRows;
import io.nuage.publicip.PublicIpRows.Reconcilable;
import io.nuage.publicip.PublicIpStatus;
import io.nuage.sla.Category;
import io.nuage.sla.Ledger;
import io.nuage.sla.Observation;
import io.nuage.status.Condition;
import io.nuage.status.ConditionStatus;
import io.nuage.status.Conditions;
import io.nuage.work.WorkKind;

/**
 * A pass over a public address: its LoadBalancer Service while attached, none while detached, then its status from the
 * Service's load-balancer ingress. The address is {@code attached} only once the load balancer announces it.
 */
@Singleton
public class PublicIpReconciler extends ResourceReconciler<Reconcilable, PublicIpReconciler.StatusWrite> {

    private static final Map<String, String> PUBLIC_IPS = Map.of(Labels.KIND, PublicIpObjects.KIND);

    record StatusWrite(UUID id, long generation, PublicIpStatus status) {
    }

    private final PublicIpRows rows;
    private final Ledger ledger;
    private final LoadBalancer service = new LoadBalancer();

    PublicIpReconciler(PublicIpRows rows, ClusterCache cache, ClusterWrites writes, Ledger ledger, Clock clock) {
        super(WorkKind.PUBLIC_IP, cache, writes, clock);
        this.rows = rows;
        this.ledger = ledger;
    }

    @Override
    public List<Watched> watches() {
        return watches(List.of(service));
    }

    @Override
    Map<UUID, Reconcilable> load(List<UUID> ids) {
        return each(ids, rows::reconcilable);
    }

    @Override
    boolean deleting(Reconcilable row) {
        return row.deleting();
    }

    /** Releasing: the Service goes (a released address is detached already), then the row becomes a tombstone. */
    @Override
    Outcome delete(Reconcilable row) {
        ledger.observe(observation(row, Category.STOPPED, "Release requested", false), row.recorded());
        service.delete(writes, desired(row));
        rows.tombstone(row.id(), clock.instant()).await().atMost(Sql.AWAIT);
        ledger.observe(observation(row, Category.DELETED, "Released", false), row.recorded());
        return Outcome.DONE;
    }

    @Override
    Converged<Reconcilable> converge(Reconcilable row) {
        service.converge(writes, desired(row));
        return Converged.applied(row);
    }

    @Override
    StatusWrite observe(Reconcilable row, Reconcilable after, Condition synced) {
        PublicIp ip = row.ip();
        Service actual = cache.get(Service.class, namespace(row), PublicIpObjects.serviceName(ip.name()));
        PublicIpPhases.Observed seen = PublicIpPhases.of(row.instanceId() != null, ip.address(), PublicIpObjects.announced(actual),
                actual != null);
        List<Condition> conditions = List.of(seen.ready(), synced);
        String message = synced.status() == ConditionStatus.FALSE ? synced.message() : seen.message();
        PublicIpStatus was = ip.status();
        PublicIpStatus status = new PublicIpStatus(seen.phase(), message,
                Conditions.withTransitionTimes(was.conditions(), conditions, clock.instant().truncatedTo(ChronoUnit.SECONDS)),
                ip.generation());
        // An attachment the tenant asked for since the last observation is not downtime while it settles.
        boolean tenantAction = was.observedGeneration() != ip.generation();
        ledger.observe(observation(row, PublicIpPhases.category(seen.phase()), seen.message(), tenantAction), row.recorded());
        return status.equals(was) ? null : new StatusWrite(row.id(), ip.generation(), status);
    }

    @Override
    void write(List<StatusWrite> statuses) {
        statuses.forEach(s -> rows.writeStatus(s.id(), s.generation(), s.status()).await().atMost(Sql.AWAIT));
    }

    private static DesiredPublicIp desired(Reconcilable row) {
        PublicIp ip = row.ip();
        return new DesiredPublicIp(row.id(), row.tenant(), namespace(row), ip.name(), ip.address(), row.instanceId(),
                ip.ports().stream().map(p -> new DesiredPublicIp.Port(p.port(), p.protocol())).toList());
    }

    private static String namespace(Reconcilable row) {
        return TenantObjects.namespaceName(row.tenant());
    }

    /** Held, attached or not, the address is billed (address_hours) for every hour of its history. */
    private Observation observation(Reconcilable row, Category category, String reason, boolean tenantAction) {
        PublicIp ip = row.ip();
        return new Observation(row.id(), row.tenantId(), Observation.Kind.PUBLIC_IP, ip.name(), ip.region(), ip.createdAt(),
                clock.instant(), category, reason, tenantAction, Observation.Sizes.NONE, ObservationGap.since(ip.status().conditions()));
    }

    /** The LoadBalancer Service of an attached address. */
    static final class LoadBalancer extends Dependent<DesiredPublicIp, Service> {
        LoadBalancer() {
            super(Service.class, PUBLIC_IPS, Orphans.DELETED, DesiredPublicIp::namespace);
        }

        @Override
        Service desired(DesiredPublicIp p) {
            return PublicIpObjects.service(p);
        }

        @Override
        String name(DesiredPublicIp p) {
            return PublicIpObjects.serviceName(p.name());
        }

        @Override
        boolean matches(DesiredPublicIp p, Service want, Service have) {
            return PublicIpObjects.matches(want, have);
        }
    }
}
