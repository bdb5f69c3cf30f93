package io.nuage.kubevirt;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1beta1.VirtualMachineSnapshotContentSpec, read only: which VolumeSnapshot holds each VM volume. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VirtualMachineSnapshotContentSpec {

    @JsonProperty("virtualMachineSnapshotName")
    public String virtualMachineSnapshotName;

    @JsonProperty("volumeBackups")
    public List<VolumeBackup> volumeBackups;

    /** v1beta1.VolumeBackup, the fields we read. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class VolumeBackup {

        @JsonProperty("volumeName")
        public String volumeName;

        @JsonProperty("volumeSnapshotName")
        public String volumeSnapshotName;
    }
}
