package io.nuage.reconciler;

import static io.nuage.api.TestApi.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nuage.api.TestApi;
import io.nuage.compute.Instances;
import io.nuage.kubevirt.Labels;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.support.Await;
import io.nuage.tenancy.Quota;
import io.nuage.tenancy.Tenant;
import io.nuage.tenancy.TenantStore;
import io.quarkus.test.junit.QuarkusTest;

/** A tenant lives only in a namespace this installation made for it, fenced in by its policies. */
@QuarkusTest
class TenantNamespaceTest {

    @Inject
    Cluster cluster;
    @Inject
    TenantStore store;
    @Inject
    TenantReconciler tenants;
    @Inject
    Installation installation;
    @Inject
    ClusterNamespaces namespaces;

    private KubernetesClient k8s() {
        return cluster.client();
    }

    @Test
    void aNamespaceThatAppearsAfterTheTenantWasAcceptedIsLeftAloneAndNothingIsWrittenIntoIt() {
        String name = TestApi.unique("late");
        String namespace = "nuage-" + name;
        Map<String, String> theirLabels = Map.of("team", "someone-else");
        // Made by someone else between the API's check and the tenant's first pass.
        k8s().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).withLabels(theirLabels).endMetadata().build())
                .create();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Tenant tenant = store.insert(new Tenant(UUID.randomUUID(), name, null, Map.of(), new Quota(4, 8192L, 100, 4, 20, 100, 100, 50, 5),
                List.of("fr-par"), 99.9, now, now)).await().atMost(Duration.ofSeconds(10));

        assertTrue(tenants.reconcile(tenant.id()).done());
        Namespace ns = k8s().namespaces().withName(namespace).get();
        assertEquals(theirLabels, ns.getMetadata().getLabels(), "not adopted");
        assertNull(k8s().resourceQuotas().inNamespace(namespace).withName("nuage-quota").get());
        assertEquals(List.of(), k8s().network().networkPolicies().inNamespace(namespace).list().getItems());
        String metrics = admin().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher taken = Pattern.compile("(?m)^nuage_tenant_namespaces_taken(\\{[^}]*\\})? (\\S+)$").matcher(metrics);
        assertTrue(taken.find() && Double.parseDouble(taken.group(2)) >= 1, metrics);

        // An instance of that tenant is accepted, and its VirtualMachine is not written into someone else's namespace.
        Await.until(Duration.ofSeconds(10), "the watch shows the namespace", () -> namespaces.get(namespace) != null);
        Instances.create(name, "lost");
        Await.until(Duration.ofSeconds(30), "the instance says why it is not synced", () -> "NamespaceNotOurs".equals(
                Instances.get(name, "lost").getString("status.conditions.find { it.type == 'Synced' }.reason")));
        assertNull(k8s().resources(VirtualMachine.class).inNamespace(namespace).withName("lost").get());
        admin().delete("/v1/tenants/" + name + "/instances/lost").then().statusCode(202);
    }

    @Test
    void aTenantsNamespaceIsLabelledAsThisInstallationsAndItsEgressIsFenced() {
        String tenant = TestApi.createTenant();
        String namespace = "nuage-" + tenant;
        Await.until(Duration.ofSeconds(30), "the egress policy",
                () -> k8s().network().networkPolicies().inNamespace(namespace).withName("nuage-tenant-egress").get() != null);

        Namespace ns = k8s().namespaces().withName(namespace).get();
        assertEquals(installation.id(), ns.getMetadata().getLabels().get(Labels.INSTALLATION));
        assertEquals(admin().get("/v1/tenants/" + tenant).then().extract().path("id"), ns.getMetadata().getLabels().get(Labels.RESOURCE_ID));
        NetworkPolicy egress = k8s().network().networkPolicies().inNamespace(namespace).withName("nuage-tenant-egress").get();
        assertEquals(installation.id(), egress.getMetadata().getLabels().get(Labels.INSTALLATION));
        assertEquals(List.of("Egress"), egress.getSpec().getPolicyTypes());
        // The metadata address always; the cluster's ranges from nuage.cluster.internal-cidrs (the tests' setting).
        assertEquals(List.of("169.254.169.254/32", "10.244.0.0/16", "10.96.0.0/12", "45.45.0.0/16"),
                egress.getSpec().getEgress().get(0).getTo().get(0).getIpBlock().getExcept());
        assertEquals(List.of("fd00:ec2::254/128"), egress.getSpec().getEgress().get(0).getTo().get(1).getIpBlock().getExcept());
    }

    /** deploy/kubernetes.yaml grants Nuage nothing in a tenant namespace but through this binding, made there by Nuage. */
    @Test
    void aTenantsNamespaceBindsNuagesServiceAccountToTheTenantRole() {
        String tenant = TestApi.createTenant();
        String namespace = "nuage-" + tenant;
        Await.until(Duration.ofSeconds(30), "the role binding",
                () -> k8s().rbac().roleBindings().inNamespace(namespace).withName("nuage").get() != null);

        RoleBinding binding = k8s().rbac().roleBindings().inNamespace(namespace).withName("nuage").get();
        assertEquals("ClusterRole", binding.getRoleRef().getKind());
        assertEquals("nuage-tenant", binding.getRoleRef().getName());
        assertEquals("rbac.authorization.k8s.io", binding.getRoleRef().getApiGroup());
        Subject subject = binding.getSubjects().get(0);
        assertEquals(List.of("ServiceAccount", "nuage-system", "nuage"),
                List.of(subject.getKind(), subject.getNamespace(), subject.getName()));
        assertEquals(1, binding.getSubjects().size());
        assertEquals(installation.id(), binding.getMetadata().getLabels().get(Labels.INSTALLATION));
        assertEquals(Labels.MANAGER, binding.getMetadata().getLabels().get(Labels.MANAGED_BY));

        // A later pass (the next resync's) finds it made: it sends no create.
        long creates = roleBindingCreates();
        UUID id = UUID.fromString(admin().get("/v1/tenants/" + tenant).then().extract().path("id"));
        assertTrue(tenants.reconcile(id).done());
        assertEquals(creates, roleBindingCreates());
    }

    private long roleBindingCreates() {
        return cluster.simulated().requestCounts().entrySet().stream().filter(e -> e.getKey().startsWith("POST rolebindings "))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
