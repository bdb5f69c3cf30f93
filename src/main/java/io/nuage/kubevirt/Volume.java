package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.Volume: exactly one source is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class Volume {

    @JsonProperty("name")
    public String name;

    @JsonProperty("containerDisk")
    public ContainerDiskSource containerDisk;

    @JsonProperty("cloudInitNoCloud")
    public CloudInitNoCloudSource cloudInitNoCloud;

    @JsonProperty("dataVolume")
    public DataVolumeVolumeSource dataVolume;

    public Volume() {
    }

    /** A volume backed by a DataVolume (its PVC); hotpluggable when added to a running guest. */
    public static Volume ofDataVolume(String name, String dataVolumeName, boolean hotpluggable) {
        Volume v = new Volume();
        v.name = name;
        v.dataVolume = new DataVolumeVolumeSource(dataVolumeName, hotpluggable ? Boolean.TRUE : null);
        return v;
    }

    public Volume(String name, ContainerDiskSource containerDisk, CloudInitNoCloudSource cloudInitNoCloud) {
        this.name = name;
        this.containerDisk = containerDisk;
        this.cloudInitNoCloud = cloudInitNoCloud;
    }
}
