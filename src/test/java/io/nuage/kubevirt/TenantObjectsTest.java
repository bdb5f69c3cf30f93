package io.nuage.kubevirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

class TenantObjectsTest {

    private static final Map<String, String> LABELS = Map.of(
            "app.kubernetes.io/managed-by", "nuage",
            "nuage.io/tenant", "acme",
            "nuage.io/resource-id", Fixtures.TENANT_ID.toString());

    @Test
    void namespaceIsNamedAfterTheTenant() {
        Namespace ns = TenantObjects.namespace(Fixtures.tenant());

        assertEquals("nuage-acme", ns.getMetadata().getName());
        assertEquals(LABELS, ns.getMetadata().getLabels());
    }

    @Test
    void quotaAddsTheLauncherOverheadPerInstance() {
        ResourceQuota quota = TenantObjects.resourceQuota(Fixtures.tenant());
        Map<String, Quantity> hard = quota.getSpec().getHard();

        assertEquals("nuage-acme", quota.getMetadata().getNamespace());
        assertEquals(LABELS, quota.getMetadata().getLabels());
        // 16 vCPUs + 20 x 200m; 64 GiB + 20 x 512 MiB.
        assertEquals("20", hard.get("requests.cpu").toString());
        assertEquals("75776Mi", hard.get("requests.memory").toString());
        assertEquals("1000Gi", hard.get("requests.storage").toString());
        assertEquals("20", hard.get("count/virtualmachines.kubevirt.io").toString());
    }

    @Test
    void quotaWithAnExplicitOverhead() {
        Map<String, Quantity> exact = TenantObjects.resourceQuota(Fixtures.tenant(), new LauncherOverhead(0, 0))
                .getSpec().getHard();
        Map<String, Quantity> odd = TenantObjects.resourceQuota(Fixtures.tenant(), new LauncherOverhead(125, 256))
                .getSpec().getHard();

        assertEquals("16", exact.get("requests.cpu").toString());
        assertEquals("65536Mi", exact.get("requests.memory").toString());
        assertEquals("18500m", odd.get("requests.cpu").toString());
        assertEquals("70656Mi", odd.get("requests.memory").toString());
        assertThrows(IllegalArgumentException.class, () -> new LauncherOverhead(-1, 0));
    }

    @Test
    void networkPolicyAdmitsOnlyTheSameNamespace() {
        NetworkPolicy policy = TenantObjects.networkPolicy(Fixtures.tenant());
        String json = new KubernetesSerialization().asJson(policy.getSpec());

        assertEquals("nuage-acme", policy.getMetadata().getNamespace());
        assertEquals(LABELS, policy.getMetadata().getLabels());
        assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes());
        // An empty podSelector in "from", without namespaceSelector, means this namespace only.
        assertEquals("{\"ingress\":[{\"from\":[{\"podSelector\":{}}]}],\"podSelector\":{},\"policyTypes\":[\"Ingress\"]}",
                json);
        assertTrue(policy.getSpec().getIngress().get(0).getFrom().get(0).getNamespaceSelector() == null);
    }

    @Test
    void egressPolicyBlocksTheMetadataServiceAndTheClusterAndAllowsTheRestAndDns() {
        NetworkPolicy policy = TenantObjects.egressPolicy(Fixtures.tenant(), List.of("10.244.0.0/16", "10.96.0.0/12", "fd10::/64"));
        String json = new KubernetesSerialization().asJson(policy.getSpec());

        assertEquals("nuage-tenant-egress", policy.getMetadata().getName());
        assertEquals("nuage-acme", policy.getMetadata().getNamespace());
        assertEquals(LABELS, policy.getMetadata().getLabels());
        // Anything but the blocked ranges, per family; the tenant's own pods; DNS on port 53 wherever the cluster runs it.
        assertEquals("{\"egress\":["
                + "{\"to\":[{\"ipBlock\":{\"cidr\":\"0.0.0.0/0\",\"except\":[\"169.254.169.254/32\",\"10.244.0.0/16\",\"10.96.0.0/12\"]}},"
                + "{\"ipBlock\":{\"cidr\":\"::/0\",\"except\":[\"fd00:ec2::254/128\",\"fd10::/64\"]}}]},"
                + "{\"to\":[{\"podSelector\":{}}]},"
                + "{\"ports\":[{\"port\":53,\"protocol\":\"UDP\"},{\"port\":53,\"protocol\":\"TCP\"}]}],"
                + "\"podSelector\":{},\"policyTypes\":[\"Egress\"]}", json);
    }

    @Test
    void theMetadataServiceIsBlockedWhateverIsConfigured() {
        NetworkPolicy policy = TenantObjects.egressPolicy(Fixtures.tenant(), List.of());

        assertEquals(List.of("169.254.169.254/32"), policy.getSpec().getEgress().get(0).getTo().get(0).getIpBlock().getExcept());
        assertEquals(List.of("fd00:ec2::254/128"), policy.getSpec().getEgress().get(0).getTo().get(1).getIpBlock().getExcept());
    }
}
