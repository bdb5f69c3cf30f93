package io.nuage.kubevirt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;

/** The Kubernetes objects one tenant needs, as pure functions of {@link DesiredTenant}. */
public final class TenantObjects {

    public static final String NAMESPACE_PREFIX = "nuage-";
    public static final String QUOTA_NAME = "nuage-quota";
    public static final String NETWORK_POLICY_NAME = "nuage-tenant-isolation";
    public static final String EGRESS_POLICY_NAME = "nuage-tenant-egress";
    /** The RoleBinding that lets Nuage act in the tenant's namespace, and the ClusterRole it binds (deploy/kubernetes.yaml). */
    public static final String ROLE_BINDING_NAME = "nuage";
    public static final String TENANT_ROLE = "nuage-tenant";
    /**
     * The cloud metadata service, which answers on 169.254.169.254 on EC2, GCP, Azure, OpenStack and most others, and
     * on fd00:ec2::254 on EC2 over IPv6: from a node, it hands out the node's credentials. Always blocked.
     */
    public static final List<String> METADATA_CIDRS = List.of("169.254.169.254/32", "fd00:ec2::254/128");

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

    /**
     * Grants Nuage's own service account the ClusterRole {@link #TENANT_ROLE} in the tenant's namespace, and there only:
     * every write Nuage makes into the namespace, and its reads of Secrets and PVCs, go through this binding. Made right
     * after the namespace, before anything else in it.
     */
    public static RoleBinding roleBinding(DesiredTenant t, String serviceAccountNamespace, String serviceAccountName) {
        return new RoleBindingBuilder()
                .withMetadata(inTenantNamespace(t, ROLE_BINDING_NAME))
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(TENANT_ROLE).endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withNamespace(serviceAccountNamespace).withName(serviceAccountName)
                .endSubject()
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
     * cannot reach a tenant's VMs. Egress is {@link #egressPolicy}'s. Ways in from outside (public IPs, load
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

    /**
     * What a tenant's VMs may reach: anything but the cloud metadata address and {@code internalCidrs} (the cluster's own
     * pod and service ranges, checked by {@link Cidrs#checked}); the tenant's own pods, whatever their address; and DNS
     * (port 53) wherever the cluster runs it, since its resolver lives in those ranges (kube-dns, CoreDNS, a node-local
     * cache). Kubernetes unions the rules: each only opens traffic.
     */
    public static NetworkPolicy egressPolicy(DesiredTenant t, List<String> internalCidrs) {
        List<String> blocked = new ArrayList<>(METADATA_CIDRS);
        blocked.addAll(internalCidrs);
        return new NetworkPolicyBuilder()
                .withMetadata(inTenantNamespace(t, EGRESS_POLICY_NAME))
                .withNewSpec()
                .withNewPodSelector().endPodSelector()
                .withPolicyTypes("Egress")
                .addNewEgress()
                .addNewTo().withNewIpBlock().withCidr("0.0.0.0/0").withExcept(except(blocked, false)).endIpBlock().endTo()
                .addNewTo().withNewIpBlock().withCidr("::/0").withExcept(except(blocked, true)).endIpBlock().endTo()
                .endEgress()
                .addNewEgress()
                .addNewTo().withNewPodSelector().endPodSelector().endTo()
                .endEgress()
                .addNewEgress()
                .addNewPort().withProtocol("UDP").withPort(new IntOrString(53)).endPort()
                .addNewPort().withProtocol("TCP").withPort(new IntOrString(53)).endPort()
                .endEgress()
                .endSpec()
                .build();
    }

    private static List<String> except(List<String> cidrs, boolean ipv6) {
        return cidrs.stream().filter(c -> Cidrs.isIpv6(c) == ipv6).toList();
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
