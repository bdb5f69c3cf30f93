package io.nuage.kubevirt;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1beta1.VirtualMachineRestoreStatus, the fields we read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VirtualMachineRestoreStatus {

    @JsonProperty("complete")
    public Boolean complete;

    @JsonProperty("restoreTime")
    public String restoreTime;

    @JsonProperty("conditions")
    public List<Condition> conditions;
}
