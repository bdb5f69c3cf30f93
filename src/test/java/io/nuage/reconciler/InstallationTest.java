package io.nuage.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Secret;
import io.nuage.kubevirt.DataVolume;
import io.nuage.kubevirt.DataVolumeSource;
import io.nuage.kubevirt.DesiredInstance;
import io.nuage.kubevirt.DesiredVolume;
import io.nuage.kubevirt.InstanceObjects;
import io.nuage.kubevirt.InstanceSecrets;
import io.nuage.kubevirt.Labels;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.kubevirt.VolumeObjects;

/** The installation's label is added where objects are written, and the matchers see the copies they wrote as equal. */
class InstallationTest {

    private static final String ID = "5d0f3a9e-2c41-4b7a-9e63-1f8a2b4c6d70";
    private final Installation installation = new Installation(ID);
    private final DesiredInstance instance = new DesiredInstance(UUID.randomUUID(), "acme", "nuage-acme", "web-1", 2, 2048,
            "quay.io/containerdisks/fedora:41", List.of("ssh-ed25519 AAAA alice@laptop"), "#cloud-config\n", Map.of(), true);

    @Test
    void aWrittenObjectCarriesTheInstallationAndSoDoesTheVirtualMachineInstanceKubeVirtMakes() {
        VirtualMachine vm = installation.stamp(InstanceObjects.virtualMachine(instance));

        assertEquals(ID, vm.getMetadata().getLabels().get(Labels.INSTALLATION));
        assertEquals(ID, vm.getSpec().template.metadata.labels.get(Labels.INSTALLATION));
        assertEquals("nuage", vm.getMetadata().getLabels().get(Labels.MANAGED_BY), "the builder's labels are kept");
        assertTrue(installation.owns(vm));
    }

    @Test
    void whatWasWrittenMatchesWhatIsWantedSoAnIdlePassWritesNothing() {
        VirtualMachine written = installation.stamp(InstanceObjects.virtualMachine(instance));
        VirtualMachine wanted = installation.stamp(InstanceObjects.virtualMachine(instance));
        Secret writtenSecret = installation.stamp(InstanceSecrets.userDataSecret(instance));
        DesiredVolume volume = new DesiredVolume(UUID.randomUUID(), "acme", "nuage-acme", "data", 10, null, DataVolumeSource.blank());
        DataVolume writtenVolume = installation.stamp(VolumeObjects.dataVolume(volume));

        assertTrue(InstanceObjects.specMatches(wanted, written));
        assertTrue(InstanceObjects.ownedLabelsMatch(wanted, written));
        assertTrue(InstanceSecrets.secretMatches(installation.stamp(InstanceSecrets.userDataSecret(instance)), writtenSecret));
        assertTrue(VolumeObjects.specMatches(installation.stamp(VolumeObjects.dataVolume(volume)), writtenVolume));
    }

    @Test
    void onlyObjectsWithItsOwnLabelAreItsOwn() {
        VirtualMachine unlabelled = InstanceObjects.virtualMachine(instance);
        VirtualMachine another = new Installation(UUID.randomUUID().toString()).stamp(InstanceObjects.virtualMachine(instance));

        assertFalse(installation.owns(unlabelled), "written before installations had ids, or by hand");
        assertFalse(installation.owns(another));
    }
}
