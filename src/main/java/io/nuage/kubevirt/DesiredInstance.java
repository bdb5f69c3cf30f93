package io.nuage.kubevirt;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What Nuage wants to run for one instance: the input of {@link InstanceObjects}.
 *
 * @param name      the instance name, also the VirtualMachine's name (a DNS label)
 * @param namespace the tenant's namespace ({@link TenantObjects#namespaceName(String)})
 * @param image     a container-disk image reference, or null when the instance boots from {@code boot}
 * @param sshKeys   public keys in authorized_keys format; may be empty
 * @param keyUsers  guest users whose authorized_keys KubeVirt keeps equal to {@code sshKeys} through the guest agent
 *                  while the guest runs; empty: the keys reach the guest at boot only (cloud-init)
 * @param userData  cloud-init user data, or null for none
 * @param labels    the tenant's own labels; not copied to Kubernetes (see {@link InstanceObjects})
 * @param running   true for runStrategy Always, false for Halted
 * @param nics      its NICs on Nuage networks, after the pod network's; may be empty
 * @param volumes   attached volumes, in attach order
 * @param instanceType the VirtualMachineClusterInstancetype the guest's CPU and memory come from, or null: vcpus and
 *                  memoryMib are then the VM's own
 * @param boot      the persistent root disk cloned from an image, or null: the root disk is the container disk
 * @param region    the region whose nodes alone may run it (a required node affinity), or null for any node
 */
public record DesiredInstance(
        UUID id,
        String tenant,
        String namespace,
        String name,
        int vcpus,
        int memoryMib,
        String image,
        List<String> sshKeys,
        List<String> keyUsers,
        String userData,
        Map<String, String> labels,
        boolean running,
        List<DesiredNic> nics,
        List<AttachedVolume> volumes,
        String instanceType,
        BootDisk boot,
        String region) {

    /** A root disk cloned from the CDI DataSource an image publishes, of {@code sizeGib}. */
    public record BootDisk(String dataSourceNamespace, String dataSourceName, int sizeGib) {
    }

    /** A volume in the VM: its DataVolume, hot-plugged when it was attached to a running guest. */
    public record AttachedVolume(String name, boolean hotplug) {
    }

    public DesiredInstance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        if ((image == null) == (boot == null)) {
            throw new IllegalArgumentException("an instance boots from a container disk (image) or a boot disk, one of them");
        }
        sshKeys = sshKeys == null ? List.of() : List.copyOf(sshKeys);
        keyUsers = keyUsers == null ? List.of() : List.copyOf(keyUsers);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        nics = nics == null ? List.of() : List.copyOf(nics);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
    }

    /**
     * The same instance with its user data reduced to present or absent, which is all its VirtualMachine depends on
     * (the content is in a Secret): what may be kept in memory to recognise an unchanged VirtualMachine.
     */
    public DesiredInstance withoutUserDataContent() {
        return new DesiredInstance(id, tenant, namespace, name, vcpus, memoryMib, image, sshKeys, keyUsers,
                userData == null ? null : "", labels, running, nics, volumes, instanceType, boot, region);
    }

    /** An instance that may run on any node. */
    public DesiredInstance(UUID id, String tenant, String namespace, String name, int vcpus, int memoryMib, String image,
            List<String> sshKeys, List<String> keyUsers, String userData, Map<String, String> labels, boolean running,
            List<DesiredNic> nics, List<AttachedVolume> volumes, String instanceType, BootDisk boot) {
        this(id, tenant, namespace, name, vcpus, memoryMib, image, sshKeys, keyUsers, userData, labels, running, nics, volumes,
                instanceType, boot, null);
    }

    /** An instance whose keys reach the guest at boot only. */
    public DesiredInstance(UUID id, String tenant, String namespace, String name, int vcpus, int memoryMib, String image,
            List<String> sshKeys, String userData, Map<String, String> labels, boolean running, List<DesiredNic> nics,
            List<AttachedVolume> volumes) {
        this(id, tenant, namespace, name, vcpus, memoryMib, image, sshKeys, List.of(), userData, labels, running, nics, volumes,
                null, null);
    }

    /** An instance on the pod network only, without volumes. */
    public DesiredInstance(UUID id, String tenant, String namespace, String name, int vcpus, int memoryMib, String image,
            List<String> sshKeys, String userData, Map<String, String> labels, boolean running) {
        this(id, tenant, namespace, name, vcpus, memoryMib, image, sshKeys, List.of(), userData, labels, running, List.of(),
                List.of(), null, null);
    }
}
