package io.nuage.kubevirt;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.VirtualMachineInstanceStatus, the fields we read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VirtualMachineInstanceStatus {

    @JsonProperty("phase")
    public String phase;

    @JsonProperty("nodeName")
    public String nodeName;

    @JsonProperty("interfaces")
    public List<VirtualMachineInstanceNetworkInterface> interfaces;

    @JsonProperty("conditions")
    public List<Condition> conditions;

    @JsonProperty("volumeStatus")
    public List<VolumeStatus> volumeStatus;

    public VirtualMachineInstanceStatus() {
    }

    public VirtualMachineInstanceStatus(String phase, String nodeName, List<VirtualMachineInstanceNetworkInterface> interfaces, List<Condition> conditions) {
        this.phase = phase;
        this.nodeName = nodeName;
        this.interfaces = interfaces;
        this.conditions = conditions;
    }
}
