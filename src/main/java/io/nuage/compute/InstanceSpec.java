package io.nuage.compute;

import java.util.List;
import java.util.Map;

/** The desired state of an instance a caller may set; userData in clear, sealed by the store. */
public record InstanceSpec(
        String name,
        int vcpus,
        int memoryMib,
        String image,
        List<String> sshKeys,
        List<String> sshKeyNames,
        String userData,
        Map<String, String> labels,
        String region,
        boolean running,
        String instanceType,
        BootDisk boot) {

    /** The same spec at the size of its instance type. */
    public InstanceSpec sized(InstanceType type) {
        return new InstanceSpec(name, type.vcpus(), type.memoryMib(), image, sshKeys, sshKeyNames, userData, labels, region, running,
                type.name(), boot);
    }

    /** The same spec with its boot disk of another size. */
    public InstanceSpec withBoot(BootDisk disk) {
        return new InstanceSpec(name, vcpus, memoryMib, image, sshKeys, sshKeyNames, userData, labels, region, running, instanceType,
                disk);
    }

    /** Storage the instance holds in the tenant's quota: its boot disk's. */
    public int storageGib() {
        return boot == null ? 0 : boot.sizeGib();
    }
}
