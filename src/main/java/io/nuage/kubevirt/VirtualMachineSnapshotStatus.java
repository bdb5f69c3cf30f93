package io.nuage.kubevirt;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1beta1.VirtualMachineSnapshotStatus, the fields we read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VirtualMachineSnapshotStatus {

    /** InProgress, Succeeded, Failed, Unknown. */
    @JsonProperty("phase")
    public String phase;

    @JsonProperty("readyToUse")
    public Boolean readyToUse;

    @JsonProperty("virtualMachineSnapshotContentName")
    public String virtualMachineSnapshotContentName;

    @JsonProperty("snapshotVolumes")
    public SnapshotVolumesLists snapshotVolumes;

    @JsonProperty("error")
    public SnapshotError error;

    @JsonProperty("conditions")
    public List<Condition> conditions;

    /** v1beta1.SnapshotVolumesLists: the VM volumes the snapshot holds, and those it left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class SnapshotVolumesLists {

        @JsonProperty("includedVolumes")
        public List<String> includedVolumes;

        @JsonProperty("excludedVolumes")
        public List<String> excludedVolumes;
    }

    /** v1beta1.Error. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class SnapshotError {

        @JsonProperty("message")
        public String message;
    }
}
