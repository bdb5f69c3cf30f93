package io.nuage.reconciler;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.inject.Singleton;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nuage.work.WorkKind;
import io.nuage.kubevirt.Cidrs;
import io.nuage.kubevirt.DesiredTenant;
import io.nuage.kubevirt.TenantObjects;
import io.nuage.tenancy.Tenant;
import io.nuage.tenancy.TenantStore;
import io.nuage.db.Sql;
import io.nuage.platform.NuageConfig;

/**
 * A tenant's place in the cluster: its Namespace, a ResourceQuota from its quota, a
 * NetworkPolicy isolating it from other tenants and one limiting its egress. A deleted
 * tenant's namespace is removed.
 * Tenants are few and change rarely, so this reads the cluster directly.
 */
@Singleton
public class TenantReconciler implements KindReconciler {


    private final TenantStore tenants;
    private final Cluster cluster;
    private final List<String> internalCidrs;

    TenantReconciler(TenantStore tenants, Cluster cluster, NuageConfig config) {
        this.tenants = tenants;
        this.cluster = cluster;
        try {
            this.internalCidrs = Cidrs.checked(config.cluster().internalCidrs());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("nuage.cluster.internal-cidrs: " + e.getMessage(), e);
        }
    }

    @Override
    public WorkKind kind() {
        return WorkKind.TENANT;
    }


    @Override
    public Outcome reconcile(UUID id) {
        TenantStore.Stored stored = tenants.byId(id).await().atMost(Sql.AWAIT);
        if (stored == null) {
            return Outcome.DONE;
        }
        Tenant t = stored.tenant();
        KubernetesClient client = cluster.client();
        String namespace = TenantObjects.namespaceName(t.name());
        if (stored.deleted()) {
            Namespace ns = client.namespaces().withName(namespace).get();
            // Only a namespace that is ours (our resource-id label) is deleted; any other is left alone.
            if (ns != null && id.equals(ClusterCache.resourceId(ns))) {
                client.resource(ns).delete();
            }
            return Outcome.DONE;
        }
        DesiredTenant desired = new DesiredTenant(t.id(), t.name(), t.quota().vcpus(), t.quota().memoryMib(),
                t.quota().storageGib(), t.quota().instances());
        Namespace ns = TenantObjects.namespace(desired);
        if (client.namespaces().withName(namespace).get() == null) {
            client.resource(ns).create();
        }
        ResourceQuota quota = TenantObjects.resourceQuota(desired);
        ResourceQuota actualQuota = client.resourceQuotas().inNamespace(namespace).withName(quota.getMetadata().getName()).get();
        if (actualQuota == null || !Objects.equals(quota.getSpec(), actualQuota.getSpec())) {
            apply(client, quota, actualQuota);
        }
        NetworkPolicy policy = TenantObjects.networkPolicy(desired);
        NetworkPolicy actualPolicy = client.network().networkPolicies().inNamespace(namespace)
                .withName(policy.getMetadata().getName()).get();
        if (actualPolicy == null || !Objects.equals(policy.getSpec(), actualPolicy.getSpec())) {
            apply(client, policy, actualPolicy);
        }
        NetworkPolicy egress = TenantObjects.egressPolicy(desired, internalCidrs);
        NetworkPolicy actualEgress = client.network().networkPolicies().inNamespace(namespace)
                .withName(egress.getMetadata().getName()).get();
        if (actualEgress == null || !Objects.equals(egress.getSpec(), actualEgress.getSpec())) {
            apply(client, egress, actualEgress);
        }
        return Outcome.DONE;
    }

    private static void apply(KubernetesClient client, HasMetadata desired, HasMetadata actual) {
        if (actual == null) {
            client.resource(desired).create();
        } else {
            desired.getMetadata().setResourceVersion(actual.getMetadata().getResourceVersion());
            client.resource(desired).update();
        }
    }
}
