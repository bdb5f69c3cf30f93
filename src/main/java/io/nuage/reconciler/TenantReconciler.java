package io.nuage.reconciler;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nuage.db.Sql;
import io.nuage.kubevirt.Cidrs;
import io.nuage.kubevirt.DesiredTenant;
import io.nuage.kubevirt.TenantObjects;
import io.nuage.platform.NuageConfig;
import io.nuage.tenancy.Tenant;
import io.nuage.tenancy.TenantStore;
import io.nuage.work.WorkKind;

/**
 * A tenant's place in the cluster: its Namespace, the RoleBinding there that grants Nuage its rights in it, a
 * ResourceQuota from its quota, a NetworkPolicy isolating it from other tenants and one limiting its egress. A tenant only ever gets a namespace this installation made for it: one of
 * that name that is someone else's is left alone and reported, never adopted. A deleted tenant's namespace is removed.
 * Tenants are few and change rarely, so this reads the cluster directly. Every object written carries this
 * installation's label.
 */
@Singleton
public class TenantReconciler implements KindReconciler {

    private static final Logger LOG = Logger.getLogger(TenantReconciler.class);
    /** An earlier tenant's namespace of the same name, still being deleted: look again after this. */
    private static final long NAMESPACE_LEAVING_MILLIS = 2000;

    private final TenantStore tenants;
    private final Cluster cluster;
    private final Installation installation;
    private final List<String> internalCidrs;
    /** Nuage's service account, namespace and name: the subject of each tenant namespace's RoleBinding. */
    private final String[] serviceAccount;
    /**
     * Tenants whose namespace this replica knows holds our RoleBinding. Nuage may create RoleBindings but not read them
     * (deploy/kubernetes.yaml), so the binding is created (409 meaning done) once per tenant and replica start rather
     * than on every pass: an idle resync sends no create.
     */
    private final Set<UUID> bound = ConcurrentHashMap.newKeySet();
    /** Live tenants whose namespace is someone else's: left without one, reported until that changes. */
    private final Set<UUID> namespaceTaken = ConcurrentHashMap.newKeySet();

    TenantReconciler(TenantStore tenants, Cluster cluster, Installation installation,
            NuageConfig config, MeterRegistry registry) {
        this.tenants = tenants;
        this.cluster = cluster;
        this.installation = installation;
        try {
            this.internalCidrs = Cidrs.checked(config.cluster().internalCidrs());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("nuage.cluster.internal-cidrs: " + e.getMessage(), e);
        }
        this.serviceAccount = config.cluster().serviceAccount().split("/", -1);
        if (serviceAccount.length != 2 || serviceAccount[0].isBlank() || serviceAccount[1].isBlank()) {
            throw new IllegalStateException("nuage.cluster.service-account: expected namespace/name, got \""
                    + config.cluster().serviceAccount() + "\"");
        }
        Gauge.builder("nuage.tenant.namespaces.taken", namespaceTaken, Set::size)
                .description("Live tenants whose namespace exists but is not this installation's: Nuage leaves it alone")
                .register(registry);
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
            namespaceTaken.remove(id);
            bound.remove(id);
            if (ns != null && isTenants(ns, id)) {
                client.resource(ns).delete();
            }
            return Outcome.DONE;
        }
        if (ns != null && !isTenants(ns, id)) {
            return notOurs(t, ns);
        }
        namespaceTaken.remove(id);
        DesiredTenant desired = new DesiredTenant(t.id(), t.name(), t.quota().vcpus(), t.quota().memoryMib(),
                t.quota().storageGib(), t.quota().instances());
        if (ns == null) {
            Namespace existing = create(client, TenantObjects.namespace(desired));
            if (existing != null && !isTenants(existing, id)) {
                return notOurs(t, existing);
            }
            bound.remove(id); // a new namespace (the last one deleted by hand?) has no binding yet
        }
        if (!bound.contains(id)) {
            bind(client, desired);
            bound.add(id);
        }
        converge(client, TenantObjects.resourceQuota(desired), ResourceQuota::getSpec);
        converge(client, TenantObjects.networkPolicy(desired), NetworkPolicy::getSpec);
        converge(client, TenantObjects.egressPolicy(desired, internalCidrs), NetworkPolicy::getSpec);
        return Outcome.DONE;
    }

    /**
     * Creates the tenant's namespace and returns null; or, when one of that name was made since it was read, returns
     * it. A create never takes over an existing namespace: the API server refuses it (AlreadyExists).
     */
    private Namespace create(KubernetesClient client, Namespace desired) {
        try {
            client.resource(installation.stamp(desired)).create();
            return null;
        } catch (KubernetesClientException e) {
            Namespace existing = e.getCode() == 409 ? client.namespaces().withName(desired.getMetadata().getName()).get() : null;
            if (existing == null) {
                throw e; // failed, or gone again meanwhile: the retry creates it
            }
            return existing;
        }
    }

    /**
     * Creates the RoleBinding that grants Nuage its rights in the namespace, before anything else there: until it
     * exists, every other write into the namespace is refused. One that is already there is done (409).
     */
    private void bind(KubernetesClient client, DesiredTenant desired) {
        try {
            client.resource(installation.stamp(TenantObjects.roleBinding(desired, serviceAccount[0], serviceAccount[1]))).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    /** Whether the namespace is this tenant's: made by this installation, for this tenant (its id, not only its name). */
    private boolean isTenants(Namespace ns, UUID tenant) {
        return installation.owns(ns) && tenant.equals(ClusterCache.resourceId(ns));
    }

    /**
     * The tenant's namespace is someone else's. An earlier tenant's of the same name, of this installation, is on its way
     * out (that tenant's pass deletes it): wait for it. Anything else is reported once and left alone; every resync
     * looks again, and the tenant gets its namespace once that one is gone.
     */
    private Outcome notOurs(Tenant t, Namespace ns) {
        if (installation.owns(ns)) {
            return Outcome.requeueAfter(NAMESPACE_LEAVING_MILLIS);
        }
        if (namespaceTaken.add(t.id())) {
            LOG.warnf("Namespace %s exists but was not made by this Nuage installation (labels %s): tenant %s gets no namespace,"
                    + " and Nuage changes nothing in that one. Delete or rename that namespace, or delete the tenant",
                    ns.getMetadata().getName(), ns.getMetadata().getLabels(), t.name());
        }
        return Outcome.DONE;
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
