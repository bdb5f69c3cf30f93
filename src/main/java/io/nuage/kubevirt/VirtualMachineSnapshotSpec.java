package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;

/** KubeVirt v1beta1.VirtualMachineSnapshotSpec: the VirtualMachine to snapshot. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VirtualMachineSnapshotSpec {

    @JsonProperty("source")
    public TypedLocalObjectReference source;

    public VirtualMachineSnapshotSpec() {
    }

    public VirtualMachineSnapshotSpec(TypedLocalObjectReference source) {
        this.source = source;
    }
}
