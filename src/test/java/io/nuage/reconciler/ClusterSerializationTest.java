package io.nuage.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.kubevirt.VirtualMachineInstance;

/** What the informer caches keep of an object read from the cluster (issue #23, the heap per instance). */
class ClusterSerializationTest {

    private static final String VM = """
            {"apiVersion":"kubevirt.io/v1","kind":"VirtualMachine","metadata":{"name":"web-1","namespace":"nuage-acme",
             "uid":"%s","labels":{"nuage.io/tenant":"acme","app.kubernetes.io/managed-by":"nuage"},
             "managedFields":[{"manager":"kubectl","operation":"Update","apiVersion":"kubevirt.io/v1",
               "fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:runStrategy":{}}}}]},
             "spec":{"runStrategy":"Always","template":{"spec":{"domain":{"devices":{}}}}}}""";

    private final KubernetesSerialization serialization = ClusterSerialization.create();

    @Test
    void objectsReadShareTheirStrings() {
        serialization.registerKubernetesResource(VirtualMachine.class);
        VirtualMachine a = serialization.unmarshal(VM.formatted("uid-a"), VirtualMachine.class);
        VirtualMachine b = serialization.unmarshal(VM.formatted("uid-b"), VirtualMachine.class);
        assertSame(a.getMetadata().getNamespace(), b.getMetadata().getNamespace());
        assertSame(a.getMetadata().getLabels().get("nuage.io/tenant"), b.getMetadata().getLabels().get("nuage.io/tenant"));
        assertSame(a.getSpec().runStrategy, b.getSpec().runStrategy);
        assertEquals("uid-b", b.getMetadata().getUid());

        VirtualMachineInstance vmi = serialization.unmarshal("""
                {"apiVersion":"kubevirt.io/v1","kind":"VirtualMachineInstance","metadata":{"name":"web-1",
                 "namespace":"nuage-acme","labels":{"nuage.io/tenant":"acme"}}}""", VirtualMachineInstance.class);
        assertSame(a.getMetadata().getName(), vmi.getMetadata().getName(), "a VMI's name is its VM's, in one copy");
    }

    @Test
    void managedFieldsAreNotKept() {
        VirtualMachine vm = serialization.unmarshal(VM.formatted("uid-a"), VirtualMachine.class);
        assertEquals(java.util.List.of(), vm.getMetadata().getManagedFields());
        assertNull(vm.getMetadata().getAdditionalProperties().get("managedFields"));
        assertEquals("Always", serialization.unmarshal(serialization.asJson(vm), VirtualMachine.class).getSpec().runStrategy,
                "what is read is written back whole");
    }

    @Test
    void longStringsAreKeptAsRead() {
        String userData = "#cloud-config\n" + "x".repeat(ClusterSerialization.INTERNED_UP_TO);
        String json = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"data\":{\"u\":%s}}";
        String quoted = serialization.asJson(userData);
        var first = serialization.unmarshal(json.formatted(quoted), io.fabric8.kubernetes.api.model.ConfigMap.class);
        var second = serialization.unmarshal(json.formatted(quoted), io.fabric8.kubernetes.api.model.ConfigMap.class);
        assertEquals(userData, first.getData().get("u"));
        assertNotSame(first.getData().get("u"), second.getData().get("u"));
    }
}
