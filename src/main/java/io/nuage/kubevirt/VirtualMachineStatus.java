package io.nuage.kubevirt;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.VirtualMachineStatus, the fields we read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VirtualMachineStatus {

    @JsonProperty("printableStatus")
    public String printableStatus;

    @JsonProperty("ready")
    public Boolean ready;

    @JsonProperty("created")
    public Boolean created;

    @JsonProperty("conditions")
    public List<Condition> conditions;

    @JsonProperty("observedGeneration")
    public Long observedGeneration;

    public VirtualMachineStatus() {
    }

    public VirtualMachineStatus(String printableStatus, Boolean ready, Boolean created, List<Condition> conditions, Long observedGeneration) {
        this.printableStatus = printableStatus;
        this.ready = ready;
        this.created = created;
        this.conditions = conditions;
        this.observedGeneration = observedGeneration;
    }
}
