package io.nuage.reconciler;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.nuage.db.Sql;
import io.nuage.kubevirt.DesiredNetwork;
import io.nuage.kubevirt.Labels;
import io.nuage.kubevirt.NetworkAttachmentDefinition;
import io.nuage.kubevirt.NetworkObjects;
import io.nuage.kubevirt.TenantObjects;
import io.nuage.network.FirewallRule;
import io.nuage.network.Network;
import io.nuage.network.NetworkPhase;
import io.nuage.network.NetworkStatus;
import io.nuage.network.NetworkStore;
import io.nuage.network.NetworkStore.Reconcilable;
import io.nuage.sla.Category;
import io.nuage.sla.Ledger;
import io.nuage.sla.Observation;
import io.nuage.sla.PhaseCategories;
import io.nuage.status.Condition;
import io.nuage.status.ConditionStatus;
import io.nuage.status.Conditions;
import io.nuage.work.WorkKind;

/**
 * A pass over a network: its NetworkAttachmentDefinition and firewall NetworkPolicy from the database, then its
 * status. Both dependents select {@code nuage.io/kind=network}: the tenant's isolation NetworkPolicy carries our
 * managed-by label too, and must never be taken for an orphan of this kind.
 */
@Singleton
public class NetworkReconciler extends ResourceReconciler<Reconcilable, NetworkReconciler.StatusWrite> {

    private static final Logger LOG = Logger.getLogger(NetworkReconciler.class);
    private static final Map<String, String> NETWORKS = Map.of(Labels.KIND, NetworkObjects.KIND);

    record StatusWrite(UUID id, long generation, NetworkStatus status) {
    }

    private final NetworkStore store;
    private final Ledger ledger;
    private final List<Dependent<DesiredNetwork, ?>> dependents = List.of(new AttachmentDefinition(), new FirewallPolicy());

    NetworkReconciler(NetworkStore store, ClusterCache cache, ClusterWrites writes, Ledger ledger, Clock clock) {
        super(WorkKind.NETWORK, cache, writes, clock);
        this.store = store;
        this.ledger = ledger;
    }

    @Override
    public List<Watched> watches() {
        return watches(dependents);
    }

    @Override
    Map<UUID, Reconcilable> load(List<UUID> ids) {
        return each(ids, store::reconcilable);
    }

    @Override
    boolean deleting(Reconcilable row) {
        return row.deleting();
    }

    @Override
    Outcome delete(Reconcilable row) {
        ledger.observe(observation(row, Category.STOPPED, "Deletion requested"), row.recorded());
        DesiredNetwork desired = desired(row);
        dependents.forEach(d -> d.delete(writes, desired));
        store.tombstone(row.id(), clock.instant()).await().atMost(Sql.AWAIT);
        ledger.observe(observation(row, Category.DELETED, "Deleted"), row.recorded());
        LOG.debugf("network %s/%s deleted", row.tenant(), row.network().name());
        return Outcome.DONE;
    }

    @Override
    Converged<Reconcilable> converge(Reconcilable row) {
        DesiredNetwork desired = desired(row);
        dependents.forEach(d -> d.converge(writes, desired));
        return Converged.applied(row);
    }

    /** Ready once the attachment definition exists: it has no status of its own to wait for. */
    @Override
    StatusWrite observe(Reconcilable row, Reconcilable after, Condition synced) {
        Network n = row.network();
        boolean exists = cache.get(NetworkAttachmentDefinition.class, namespace(row), n.name()) != null;
        List<Condition> conditions = new ArrayList<>();
        conditions.add(exists ? new Condition("Ready", ConditionStatus.TRUE, "Ready", null, null)
                : new Condition("Ready", ConditionStatus.FALSE, "Pending", "The NetworkAttachmentDefinition does not exist yet", null));
        conditions.add(synced);
        long icmp = n.firewallRules().stream().filter(r -> "icmp".equals(r.protocol())).count();
        conditions.add(icmp == 0 ? new Condition("FirewallEnforced", ConditionStatus.TRUE, "AllRulesEnforced", null, null)
                : new Condition("FirewallEnforced", ConditionStatus.FALSE, "IcmpNotEnforced", icmp + " icmp rule(s) not enforced:"
                        + " Kubernetes NetworkPolicy cannot allow ICMP without allowing every protocol, so ICMP stays blocked", null));
        String message = synced.status() == ConditionStatus.FALSE ? synced.message() : exists ? null : conditions.get(0).message();
        NetworkStatus s = n.status();
        NetworkStatus status = new NetworkStatus(exists ? NetworkPhase.READY : NetworkPhase.PENDING, message, s.allocated(),
                s.available(), Conditions.withTransitionTimes(s.conditions(), conditions, clock.instant().truncatedTo(ChronoUnit.SECONDS)),
                n.generation());
        ledger.observe(observation(row, PhaseCategories.network(status.phase().key()), status.message()), row.recorded());
        return status.equals(s) ? null : new StatusWrite(row.id(), n.generation(), status);
    }

    @Override
    void write(List<StatusWrite> statuses) {
        statuses.forEach(s -> store.writeStatus(s.id(), s.generation(), s.status()).await().atMost(Sql.AWAIT));
    }

    private static DesiredNetwork desired(Reconcilable row) {
        Network n = row.network();
        return new DesiredNetwork(row.id(), row.tenant(), namespace(row), n.name(),
                n.firewallRules().stream().map(NetworkReconciler::rule).toList());
    }

    private static DesiredNetwork.Rule rule(FirewallRule r) {
        return new DesiredNetwork.Rule(r.protocol(), r.fromPort(), r.toPort(), r.sourceCidr());
    }

    private static String namespace(Reconcilable row) {
        return TenantObjects.namespaceName(row.tenant());
    }

    private Observation observation(Reconcilable row, Category category, String reason) {
        return new Observation(row.id(), row.tenantId(), Observation.Kind.NETWORK, row.network().name(), null,
                row.network().createdAt(), clock.instant(), category, reason, false, Observation.Sizes.NONE,
                ObservationGap.since(row.network().status().conditions()));
    }

    /** The layer-2 network Multus attaches guests to. */
    static final class AttachmentDefinition extends Dependent<DesiredNetwork, NetworkAttachmentDefinition> {
        AttachmentDefinition() {
            super(NetworkAttachmentDefinition.class, NETWORKS, Orphans.DELETED, DesiredNetwork::namespace);
        }

        @Override
        NetworkAttachmentDefinition desired(DesiredNetwork n) {
            return NetworkObjects.attachmentDefinition(n);
        }

        @Override
        String name(DesiredNetwork n) {
            return n.name();
        }

        @Override
        boolean matches(DesiredNetwork n, NetworkAttachmentDefinition want, NetworkAttachmentDefinition have) {
            return NetworkObjects.attachmentMatches(want, have);
        }
    }

    /** The firewall rules as a NetworkPolicy; none when no rule can be enforced. */
    static final class FirewallPolicy extends Dependent<DesiredNetwork, NetworkPolicy> {
        FirewallPolicy() {
            super(NetworkPolicy.class, NETWORKS, Orphans.DELETED, DesiredNetwork::namespace);
        }

        @Override
        NetworkPolicy desired(DesiredNetwork n) {
            return NetworkObjects.firewallPolicy(n);
        }

        @Override
        String name(DesiredNetwork n) {
            return NetworkObjects.firewallPolicyName(n.name());
        }

        @Override
        boolean matches(DesiredNetwork n, NetworkPolicy want, NetworkPolicy have) {
            return NetworkObjects.policyMatches(want, have);
        }
    }
}
