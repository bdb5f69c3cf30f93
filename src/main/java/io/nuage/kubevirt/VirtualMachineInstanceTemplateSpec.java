package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.VirtualMachineInstanceTemplateSpec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VirtualMachineInstanceTemplateSpec {

    @JsonProperty("metadata")
    public TemplateMetadata metadata;

    @JsonProperty("spec")
    public VirtualMachineInstanceSpec spec;

    public VirtualMachineInstanceTemplateSpec() {
    }

    public VirtualMachineInstanceTemplateSpec(TemplateMetadata metadata, VirtualMachineInstanceSpec spec) {
        this.metadata = metadata;
        this.spec = spec;
    }
}
