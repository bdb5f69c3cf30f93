package io.nuage.reconciler;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nuage.status.Condition;
import io.nuage.status.Conditions;
import io.nuage.work.WorkKind;
import io.nuage.kubevirt.DesiredNetwork;
import io.nuage.kubevirt.Labels;
import io.nuage.kubevirt.NetworkAttachmentDefinition;
import io.nuage.kubevirt.NetworkObjects;
import io.nuage.kubevirt.TenantObjects;
import io.nuage.network.FirewallRule;
import io.nuage.network.Network;
import io.nuage.network.NetworkStatus;
import io.nuage.network.NetworkStore;
import io.nuage.network.NetworkStore.Reconcilable;
import io.nuage.sla.Category;
import io.nuage.sla.Ledger;
import io.nuage.sla.Observation;
import io.nuage.sla.PhaseCategories;

/**
 * One level-triggered pass for one network: recompute its NetworkAttachmentDefinition and
 * firewall NetworkPolicy from the database, converge the cluster to them (writing nothing when
 * they already match), and report in the network's status.
 */
@Singleton
public class NetworkReconciler implements KindReconciler {

    private static final Logger LOG = Logger.getLogger(NetworkReconciler.class);
    private static final Duration DB = Duration.ofSeconds(30);

    private final NetworkStore store;
    private final ClusterCache cache;
    private final ClusterWrites writes;
    private final Ledger ledger;
    private final Clock clock;

    NetworkReconciler(NetworkStore store, ClusterCache cache, ClusterWrites writes, Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.store = store;
        this.cache = cache;
        this.writes = writes;
        this.clock = clock;
    }

    @Override
    public WorkKind kind() {
        return WorkKind.NETWORK;
    }

    /**
     * Only objects labelled as networks': the tenant's isolation NetworkPolicy carries our
     * managed-by label too, and must never be taken for an orphan of this kind.
     */
    @Override
    public List<Watched> watches() {
        Map<String, String> ours = Map.of(Labels.KIND, NetworkObjects.KIND);
        return List.of(new Watched(NetworkAttachmentDefinition.class, ours, true),
                new Watched(NetworkPolicy.class, ours, true));
    }


    @Override
    public Outcome reconcile(UUID id) {
        Reconcilable row = store.reconcilable(id).await().atMost(DB);
        if (row == null) {
            return Outcome.DONE;
        }
        Network n = row.network();
        String namespace = TenantObjects.namespaceName(row.tenant());
        String policyName = NetworkObjects.firewallPolicyName(n.name());
        if (row.deleting()) {
            ledger.observe(observation(row, Category.STOPPED, "Deletion requested"), row.recorded());
            writes.delete(NetworkAttachmentDefinition.class, namespace, n.name());
            writes.delete(NetworkPolicy.class, namespace, policyName);
            store.tombstone(id, clock.instant()).await().atMost(DB);
            ledger.observe(observation(row, Category.DELETED, "Deleted"), row.recorded());
            LOG.debugf("network %s/%s deleted", row.tenant(), n.name());
            return Outcome.DONE;
        }
        DesiredNetwork desired = new DesiredNetwork(id, row.tenant(), namespace, n.name(),
                n.firewallRules().stream().map(NetworkReconciler::rule).toList());
        try {
            writes.converge(NetworkObjects.attachmentDefinition(desired), NetworkObjects::attachmentMatches);
            NetworkPolicy policy = NetworkObjects.firewallPolicy(desired);
            if (policy == null) {
                writes.delete(NetworkPolicy.class, namespace, policyName); // no rule can be enforced
            } else {
                writes.converge(policy, NetworkObjects::policyMatches);
            }
        } catch (KubernetesClientException e) {
            if (KubernetesErrors.isWriteConflict(e)) {
                return Outcome.requeueAfter(0); // someone wrote first: read again and redo the pass
            }
            writeStatus(row, observe(row, namespace, KubernetesErrors.syncFailed(e)));
            throw e;
        }
        writeStatus(row, observe(row, namespace, new Condition("Synced", "True", "Applied", null, null)));
        return Outcome.DONE;
    }

    private static DesiredNetwork.Rule rule(FirewallRule r) {
        return new DesiredNetwork.Rule(r.protocol(), r.fromPort(), r.toPort(), r.sourceCidr());
    }

    /** Ready once the attachment definition exists: it has no status of its own to wait for. */
    private NetworkStatus observe(Reconcilable row, String namespace, Condition synced) {
        Network n = row.network();
        boolean exists = cache.get(NetworkAttachmentDefinition.class, namespace, n.name()) != null;
        List<Condition> conditions = new ArrayList<>();
        conditions.add(exists ? new Condition("Ready", "True", "Ready", null, null)
                : new Condition("Ready", "False", "Pending", "The NetworkAttachmentDefinition does not exist yet", null));
        conditions.add(synced);
        long icmp = n.firewallRules().stream().filter(r -> "icmp".equals(r.protocol())).count();
        conditions.add(icmp == 0 ? new Condition("FirewallEnforced", "True", "AllRulesEnforced", null, null)
                : new Condition("FirewallEnforced", "False", "IcmpNotEnforced", icmp + " icmp rule(s) not enforced:"
                        + " Kubernetes NetworkPolicy cannot allow ICMP without allowing every protocol, so ICMP stays blocked", null));
        String message = "False".equals(synced.status()) ? synced.message() : exists ? null : conditions.get(0).message();
        NetworkStatus s = n.status();
        return new NetworkStatus(exists ? NetworkStatus.READY : NetworkStatus.PENDING, message, s.allocated(), s.available(),
                Conditions.withTransitionTimes(s.conditions(), conditions, clock.instant().truncatedTo(ChronoUnit.SECONDS)), n.generation());
    }

    /** Writes status only when it changed: an idle pass writes nothing. */
    private void writeStatus(Reconcilable row, NetworkStatus status) {
        ledger.observe(observation(row, PhaseCategories.network(status.phase()), status.message()), row.recorded());
        if (!status.equals(row.network().status())) {
            store.writeStatus(row.id(), row.network().generation(), status).await().atMost(DB);
        }
    }

    private Observation observation(Reconcilable row, Category category, String reason) {
        return new Observation(row.id(), row.tenantId(), Observation.Kind.NETWORK, row.network().name(), null,
                row.network().createdAt(), clock.instant(), category, reason, false, Observation.Sizes.NONE);
    }
}
