package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.VirtualMachineSpec: the run strategy and the template of the VMI to run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VirtualMachineSpec {

    @JsonProperty("runStrategy")
    public String runStrategy;

    @JsonProperty("template")
    public VirtualMachineInstanceTemplateSpec template;

    /** DataVolumes made with the VM, such as a root disk cloned from an image. */
    @JsonProperty("dataVolumeTemplates")
    public java.util.List<DataVolumeTemplateSpec> dataVolumeTemplates;

    /** Where the guest's CPU and memory come from when the template does not say. */
    @JsonProperty("instancetype")
    public InstancetypeMatcher instancetype;

    public VirtualMachineSpec() {
    }

    public VirtualMachineSpec(String runStrategy, VirtualMachineInstanceTemplateSpec template) {
        this.runStrategy = runStrategy;
        this.template = template;
    }
}
