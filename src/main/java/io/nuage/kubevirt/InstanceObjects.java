package io.nuage.kubevirt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The Kubernetes objects one instance needs, as pure functions of {@link DesiredInstance}.
 *
 * <p>The tenant's own instance labels are deliberately not copied onto Kubernetes objects.
 * Kubernetes labels select things (NetworkPolicies, Services, quota scopes, KubeVirt's own
 * {@code kubevirt.io/*} keys), so a tenant-chosen key could collide with ours or be matched by
 * a selector it was never meant for; Nuage's database stays the one place tenant labels live,
 * and editing them never rewrites a VirtualMachine.
 */
public final class InstanceObjects {

    /** Names of the disk/volume pairs; disks and volumes are matched by name. */
    public static final String ROOT_DISK = "rootdisk";
    public static final String CLOUDINIT_DISK = "cloudinitdisk";
    /** Attached volumes appear as disk/volume pairs named with this prefix and the volume name. */
    public static final String VOLUME_PREFIX = "vol-";
    /** The first NIC and network: the pod network, NATed (masquerade) behind the pod IP. */
    public static final String DEFAULT_NETWORK = "default";
    /**
     * Inline user data used when there are SSH keys or network data but no user data: KubeVirt
     * refuses the noCloud propagation method without a cloudInitNoCloud volume, and puts the
     * keys in the NoCloud meta-data, so an empty cloud-config is enough.
     */
    public static final String EMPTY_CLOUD_CONFIG = "#cloud-config\n";
    /** {@link Labels#KIND} of a boot disk's DataVolume and PVC: its events and its orphan are its instance's. */
    public static final String BOOT_DISK_KIND = "instance";
    /** Seconds the guest gets to shut down on stop before it is killed. */
    public static final long TERMINATION_GRACE_SECONDS = 60;

    /** Fabric8's default serialization, the same as a client built without customization uses. */
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private InstanceObjects() {
    }

    /**
     * The DataVolume (and PVC) of an instance's boot disk, made by KubeVirt from the VM's dataVolumeTemplates. The dot,
     * which a DataVolume's name may hold and a volume's (a DNS label) may not, keeps it apart from every volume's.
     */
    public static String bootDiskName(String instanceName) {
        return instanceName + ".boot";
    }

    /** The VirtualMachine for the instance; its name is the instance name. */
    public static VirtualMachine virtualMachine(DesiredInstance d) {
        Map<String, String> labels = Labels.owned(d.tenant(), d.id());
        Quantity memory = new Quantity(d.memoryMib() + "Mi");

        // KubeVirt refuses a VM whose template sets the CPU or memory its instance type gives.
        boolean typed = d.instanceType() != null;
        DomainSpec domain = new DomainSpec(
                typed ? null : new CPU(d.vcpus(), 1, 1),
                typed ? null : new Memory(memory),
                typed ? null : new ResourceRequirements(Map.of("memory", memory)),
                new Devices(disks(d), interfaces(d)));
        VirtualMachineInstanceSpec vmi = new VirtualMachineInstanceSpec(
                domain,
                networks(d),
                volumes(d),
                accessCredentials(d),
                TERMINATION_GRACE_SECONDS);
        if (d.region() != null) {
            vmi.affinity = Affinity.requiredRegion(d.region());
        }

        VirtualMachine vm = new VirtualMachine();
        vm.setMetadata(metadata(d.namespace(), d.name(), labels));
        vm.setSpec(new VirtualMachineSpec(
                d.running() ? RunStrategy.ALWAYS : RunStrategy.HALTED,
                new VirtualMachineInstanceTemplateSpec(new TemplateMetadata(templateLabels(d, labels)), vmi)));
        if (typed) {
            vm.getSpec().instancetype = new InstancetypeMatcher(InstancetypeMatcher.CLUSTER_KIND, d.instanceType());
        }
        if (d.boot() != null) {
            vm.getSpec().dataVolumeTemplates = List.of(bootDisk(d));
        }
        return vm;
    }

    /**
     * The pod network NIC first, then one bridged NIC per Nuage network. MACs are fixed only
     * when there are network NICs, for the cloud-init network data to find them.
     */
    private static List<Interface> interfaces(DesiredInstance d) {
        if (d.nics().isEmpty()) {
            return List.of(new Interface(DEFAULT_NETWORK, new InterfaceMasquerade()));
        }
        List<Interface> interfaces = new ArrayList<>();
        interfaces.add(Interface.masquerade(DEFAULT_NETWORK, InstanceNetworkData.macAddress(d.id(), 0)));
        for (int i = 0; i < d.nics().size(); i++) {
            String name = InstanceNetworkData.interfaceName(d.nics().get(i).network());
            interfaces.add(Interface.bridge(name, InstanceNetworkData.macAddress(d.id(), i + 1)));
        }
        return interfaces;
    }

    /** The pod network, then each Nuage network through its NetworkAttachmentDefinition (same name, same namespace). */
    private static List<Network> networks(DesiredInstance d) {
        List<Network> networks = new ArrayList<>();
        networks.add(new Network(DEFAULT_NETWORK, new PodNetwork()));
        for (DesiredNic nic : d.nics()) {
            networks.add(new Network(InstanceNetworkData.interfaceName(nic.network()), new MultusNetwork(nic.network())));
        }
        return networks;
    }

    /** Our labels, plus one per attached network, which KubeVirt copies to the launcher pod for firewall policies to select. */
    private static Map<String, String> templateLabels(DesiredInstance d, Map<String, String> labels) {
        if (d.nics().isEmpty()) {
            return labels;
        }
        Map<String, String> template = new LinkedHashMap<>(labels);
        d.nics().forEach(nic -> template.put(Labels.network(nic.network()), "true"));
        return template;
    }

    /**
     * Whether {@code actual} already is what {@code desired} asks for, so the reconciler writes
     * nothing. Compares what Nuage owns: the whole spec as our model sees it (fields the cluster
     * adds that the model does not cover are dropped on read, so defaults never count as drift)
     * and our three labels. Ignores status and server-set metadata (resourceVersion, uid...).
     */
    public static boolean specMatches(VirtualMachine desired, VirtualMachine actual) {
        if (actual == null) {
            return false;
        }
        return ownedLabelsMatch(desired.getMetadata(), actual.getMetadata())
                && tree(desired.getSpec()).equals(tree(actual.getSpec()));
    }

    /** Whether {@code actual} carries the labels Nuage selects and owns with the values {@code desired} has. */
    public static boolean ownedLabelsMatch(VirtualMachine desired, VirtualMachine actual) {
        return ownedLabelsMatch(desired.getMetadata(), actual.getMetadata());
    }

    private static boolean ownedLabelsMatch(ObjectMeta desired, ObjectMeta actual) {
        Map<String, String> want = desired == null || desired.getLabels() == null ? Map.of() : desired.getLabels();
        Map<String, String> have = actual == null || actual.getLabels() == null ? Map.of() : actual.getLabels();
        for (String key : List.of(Labels.MANAGED_BY, Labels.TENANT, Labels.RESOURCE_ID)) {
            if (!Objects.equals(want.get(key), have.get(key))) {
                return false;
            }
        }
        return true;
    }

    /** The JSON Fabric8 would send, as a tree: equal trees mean an identical write. */
    private static JsonNode tree(Object value) {
        return SERIALIZATION.convertValue(value, JsonNode.class);
    }

    private static List<Disk> disks(DesiredInstance d) {
        List<Disk> disks = new ArrayList<>();
        disks.add(new Disk(ROOT_DISK, new DiskTarget("virtio")));
        if (needsCloudInit(d)) {
            disks.add(new Disk(CLOUDINIT_DISK, new DiskTarget("virtio")));
        }
        for (DesiredInstance.AttachedVolume v : d.volumes()) {
            // KubeVirt hot-plugs disks on the SCSI bus only.
            disks.add(new Disk(VOLUME_PREFIX + v.name(), new DiskTarget(v.hotplug() ? "scsi" : "virtio")));
        }
        return disks;
    }

    /**
     * The boot disk's DataVolume: a clone of the DataSource an image publishes, which KubeVirt creates with the VM and
     * keeps across its restarts (and deletes with it). Labelled as the instance's, kind included, so that its PVC is seen
     * (to grow it), its events reach the instance, and it is never taken for a volume's.
     */
    private static DataVolumeTemplateSpec bootDisk(DesiredInstance d) {
        DesiredInstance.BootDisk boot = d.boot();
        DataVolumeSpec spec = new DataVolumeSpec(null, new StorageSpec(new Quantity(boot.sizeGib() + "Gi"), null));
        spec.sourceRef = new DataVolumeSourceRef(DataVolumeSourceRef.DATA_SOURCE, boot.dataSourceName(), boot.dataSourceNamespace());
        return new DataVolumeTemplateSpec(bootDiskName(d.name()), Labels.owned(d.tenant(), d.id(), BOOT_DISK_KIND), spec);
    }

    private static List<Volume> volumes(DesiredInstance d) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(d.boot() != null ? Volume.ofDataVolume(ROOT_DISK, bootDiskName(d.name()), false)
                : new Volume(ROOT_DISK, new ContainerDiskSource(d.image()), null));
        String networkData = InstanceNetworkData.networkData(d);
        if (d.userData() != null) {
            CloudInitNoCloudSource source = new CloudInitNoCloudSource(
                    new LocalObjectReference(InstanceSecrets.userDataSecretName(d.name())), null, networkData);
            volumes.add(new Volume(CLOUDINIT_DISK, null, source));
        } else if (!d.sshKeys().isEmpty() || networkData != null) {
            volumes.add(new Volume(CLOUDINIT_DISK, null, new CloudInitNoCloudSource(null, EMPTY_CLOUD_CONFIG, networkData)));
        }
        for (DesiredInstance.AttachedVolume v : d.volumes()) {
            volumes.add(Volume.ofDataVolume(VOLUME_PREFIX + v.name(), v.name(), v.hotplug()));
        }
        return volumes;
    }

    /**
     * The keys through cloud-init at boot, which any cloud image reads; and, for an instance that names the tenant's
     * keys, through the guest agent too, which rewrites the users' authorized_keys whenever the Secret changes.
     */
    private static List<AccessCredential> accessCredentials(DesiredInstance d) {
        if (d.sshKeys().isEmpty()) {
            return null;
        }
        SSHPublicKeyAccessCredential atBoot = new SSHPublicKeyAccessCredential(
                new SSHPublicKeyAccessCredentialSource(new AccessCredentialSecretSource(InstanceSecrets.sshKeysSecretName(d.name()))),
                new SSHPublicKeyAccessCredentialPropagationMethod(new NoCloudSSHPublicKeyAccessCredentialPropagation()));
        if (d.keyUsers().isEmpty()) {
            return List.of(new AccessCredential(atBoot));
        }
        SSHPublicKeyAccessCredential live = new SSHPublicKeyAccessCredential(
                new SSHPublicKeyAccessCredentialSource(new AccessCredentialSecretSource(InstanceSecrets.guestAgentKeysSecretName(d.name()))),
                new SSHPublicKeyAccessCredentialPropagationMethod(new QemuGuestAgentSSHPublicKeyAccessCredentialPropagation(d.keyUsers())));
        return List.of(new AccessCredential(atBoot), new AccessCredential(live));
    }

    private static boolean needsCloudInit(DesiredInstance d) {
        return d.userData() != null || !d.sshKeys().isEmpty() || !d.nics().isEmpty();
    }

    private static ObjectMeta metadata(String namespace, String name, Map<String, String> labels) {
        return new ObjectMetaBuilder().withNamespace(namespace).withName(name).withLabels(labels).build();
    }
}
