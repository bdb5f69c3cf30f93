package io.nuage.reconciler;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import jakarta.inject.Singleton;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nuage.db.Sql;
import io.nuage.kubevirt.Cidrs;
import io.nuage.kubevirt.DesiredTenant;
import io.nuage.kubevirt.TenantObjects;
import io.nuage.platform.NuageConfig;
import io.nuage.tenancy.Tenant;
import io.nuage.tenancy.TenantStore;
import io.nuage.work.WorkKind;

/**
 * A tenant's place in the cluster: its Namespace, a ResourceQuota from its quota, a NetworkPolicy isolating it from
 * other tenants and one limiting its egress. A deleted tenant's namespace is removed, when it is this installation's.
 * Tenants are few and change rarely, so this reads the cluster directly. Every object written carries this
 * installation's label.
 */
@Singleton
public class TenantReconciler implements KindReconciler {

    private final TenantStore tenants;
    private final Cluster cluster;
    private final Installation installation;
    private final List<String> internalCidrs;

    TenantReconciler(TenantStore tenants, Cluster cluster, Installation installation, NuageConfig config) {
        this.tenants = tenants;
        this.cluster = cluster;
        this.installation = installation;
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
        Namespace ns = client.namespaces().withName(TenantObjects.namespaceName(t.name())).get();
        if (stored.deleted()) {
            if (ns != null && isTenants(ns, id)) {
                client.resource(ns).delete();
            }
            return Outcome.DONE;
        }
        DesiredTenant desired = new DesiredTenant(t.id(), t.name(), t.quota().vcpus(), t.quota().memoryMib(),
                t.quota().storageGib(), t.quota().instances());
        if (ns == null) {
            client.resource(installation.stamp(TenantObjects.namespace(desired))).create();
        }
        converge(client, TenantObjects.resourceQuota(desired), ResourceQuota::getSpec);
        converge(client, TenantObjects.networkPolicy(desired), NetworkPolicy::getSpec);
        converge(client, TenantObjects.egressPolicy(desired, internalCidrs), NetworkPolicy::getSpec);
        return Outcome.DONE;
    }

    /** Whether the namespace is this tenant's: made by this installation, for this tenant (its id, not only its name). */
    private boolean isTenants(Namespace ns, UUID tenant) {
        return installation.owns(ns) && tenant.equals(ClusterCache.resourceId(ns));
    }

    /**
     * Creates the object, or replaces it when its spec or our labels differ, so that a pass over a tenant whose objects
     * are as wanted writes nothing.
     */
    private <T extends HasMetadata> void converge(KubernetesClient client, T desired, Function<T, Object> spec) {
        installation.stamp(desired);
        T actual = client.resource(desired).get();
        if (actual == null) {
            client.resource(desired).create();
        } else if (!Objects.equals(spec.apply(desired), spec.apply(actual)) || !hasLabels(actual, desired.getMetadata().getLabels())) {
            desired.getMetadata().setResourceVersion(actual.getMetadata().getResourceVersion());
            client.resource(desired).update();
        }
    }

    private static boolean hasLabels(HasMetadata o, Map<String, String> labels) {
        Map<String, String> have = o.getMetadata().getLabels() == null ? Map.of() : o.getMetadata().getLabels();
        return labels.entrySet().stream().allMatch(e -> e.getValue().equals(have.get(e.getKey())));
    }
}
