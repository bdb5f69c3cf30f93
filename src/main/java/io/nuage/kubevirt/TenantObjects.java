package io.nuage.kubevirt;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;

/** The Kubernetes objects one tenant needs, as pure functions of {@link DesiredTenant}. */
public final class TenantObjects {

    public static final String NAMESPACE_PREFIX = "nuage-";
    public static final String QUOTA_NAME = "nuage-quota";
    public static final String NETWORK_POLICY_NAME = "nuage-tenant-isolation";

    private TenantObjects() {
    }

    public static String namespaceName(String tenantName) {
        return NAMESPACE_PREFIX + tenantName;
    }

    public static Namespace namespace(DesiredTenant t) {
        return new NamespaceBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(namespaceName(t.name())).withLabels(labels(t)).build())
                .build();
    }

    /** The quota with {@link LauncherOverhead#DEFAULT}. */
    public static ResourceQuota resourceQuota(DesiredTenant t) {
        return resourceQuota(t, LauncherOverhead.DEFAULT);
    }

    /**
     * The tenant's quota as a ResourceQuota: a backstop behind the API's own quota check, which
     * is the one tenants see. CPU and memory get the launcher overhead allowance once per
     * allowed instance. requests.cpu is the tenant's vCPUs in cores: KubeVirt requests
     * vCPUs / cpuAllocationRatio per launcher, so this never binds tighter than the API's check.
     */
    public static ResourceQuota resourceQuota(DesiredTenant t, LauncherOverhead overhead) {
        long cpuMillis = t.vcpus() * 1000L + (long) t.instances() * overhead.cpuMillis();
        long memoryMib = t.memoryMib() + (long) t.instances() * overhead.memoryMib();
        Map<String, Quantity> hard = new LinkedHashMap<>();
        hard.put("requests.cpu", cpu(cpuMillis));
        hard.put("requests.memory", new Quantity(memoryMib + "Mi"));
        hard.put("requests.storage", new Quantity(t.storageGib() + "Gi"));
        hard.put("count/virtualmachines.kubevirt.io", new Quantity(Integer.toString(t.instances())));
        return new ResourceQuotaBuilder()
                .withMetadata(inTenantNamespace(t, QUOTA_NAME))
                .withNewSpec()
                .withHard(hard)
                .endSpec()
                .build();
    }

    /**
     * Ingress to every pod of the namespace only from pods of the same namespace: other tenants
     * cannot reach a tenant's VMs. Egress stays open. Ways in from outside (public IPs, load
     * balancers) are added later as further policies, which Kubernetes unions with this one.
     */
    public static NetworkPolicy networkPolicy(DesiredTenant t) {
        return new NetworkPolicyBuilder()
                .withMetadata(inTenantNamespace(t, NETWORK_POLICY_NAME))
                .withNewSpec()
                .withNewPodSelector().endPodSelector()
                .withPolicyTypes("Ingress")
                .addNewIngress()
                .addNewFrom().withNewPodSelector().endPodSelector().endFrom()
                .endIngress()
                .endSpec()
                .build();
    }

    private static Map<String, String> labels(DesiredTenant t) {
        return Labels.owned(t.name(), t.id());
    }

    private static ObjectMeta inTenantNamespace(DesiredTenant t, String name) {
        return new ObjectMetaBuilder().withNamespace(namespaceName(t.name())).withName(name).withLabels(labels(t)).build();
    }

    /** Whole cores when exact ("16"), millicores otherwise ("16200m"). */
    private static Quantity cpu(long millis) {
        return new Quantity(millis % 1000 == 0 ? Long.toString(millis / 1000) : millis + "m");
    }
}
