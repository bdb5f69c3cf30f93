package io.nuage.kubevirt;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * The VirtualMachineClusterInstancetype of an instance type of the catalog, as a pure function. The object is
 * cluster-wide, so its name carries the installation's: two installations on one cluster may both offer "s-2-4".
 */
public final class InstanceTypeObjects {

    /** {@link Labels#KIND} of the objects. */
    public static final String KIND = "instance-type";

    private InstanceTypeObjects() {
    }

    /** The object's name: {@code nuage-<first 8 characters of the installation id>-<type name>}. */
    public static String objectName(String installationId, String typeName) {
        return "nuage-" + installationId.substring(0, 8) + "-" + typeName;
    }

    public static VirtualMachineClusterInstancetype instancetype(String objectName, UUID id, int vcpus, int memoryMib,
            boolean dedicatedCpus) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.MANAGED_BY, Labels.MANAGER);
        labels.put(Labels.RESOURCE_ID, id.toString());
        labels.put(Labels.KIND, KIND);
        VirtualMachineClusterInstancetype type = new VirtualMachineClusterInstancetype();
        type.setMetadata(new ObjectMetaBuilder().withName(objectName).withLabels(labels).build());
        type.setSpec(new VirtualMachineInstancetypeSpec(
                new VirtualMachineInstancetypeSpec.Cpu(vcpus, dedicatedCpus ? Boolean.TRUE : null),
                new VirtualMachineInstancetypeSpec.MemorySize(new Quantity(memoryMib + "Mi"))));
        return type;
    }

    /** Whether the cluster's copy has the size and our labels. */
    public static boolean matches(VirtualMachineClusterInstancetype want, VirtualMachineClusterInstancetype have) {
        return Objects.equals(want.getMetadata().getLabels(), have.getMetadata().getLabels()) && have.getSpec() != null
                && Objects.equals(want.getSpec().cpu.guest, have.getSpec().cpu == null ? null : have.getSpec().cpu.guest)
                && Objects.equals(want.getSpec().cpu.dedicatedCPUPlacement, have.getSpec().cpu.dedicatedCPUPlacement)
                && have.getSpec().memory != null && Objects.equals(want.getSpec().memory.guest, have.getSpec().memory.guest);
    }
}
