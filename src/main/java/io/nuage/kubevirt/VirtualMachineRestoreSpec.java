package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;

/**
 * KubeVirt v1beta1.VirtualMachineRestoreSpec. Nuage restores in place: the VM's volumes are
 * overwritten under their own names, so the VM and the volumes keep the names Nuage gave them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VirtualMachineRestoreSpec {

    public static final String IN_PLACE = "InPlace";
    /** Restored volumes stay owned by their DataVolumes (Nuage's volumes), not by the VM. */
    public static final String OWNED_BY_NONE = "None";

    @JsonProperty("target")
    public TypedLocalObjectReference target;

    @JsonProperty("virtualMachineSnapshotName")
    public String virtualMachineSnapshotName;

    @JsonProperty("volumeRestorePolicy")
    public String volumeRestorePolicy;

    @JsonProperty("volumeOwnershipPolicy")
    public String volumeOwnershipPolicy;

    public VirtualMachineRestoreSpec() {
    }

    public VirtualMachineRestoreSpec(TypedLocalObjectReference target, String virtualMachineSnapshotName, String volumeRestorePolicy) {
        this.target = target;
        this.virtualMachineSnapshotName = virtualMachineSnapshotName;
        this.volumeRestorePolicy = volumeRestorePolicy;
        this.volumeOwnershipPolicy = OWNED_BY_NONE;
    }
}
