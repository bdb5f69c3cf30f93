package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.DataVolumeSource: a VM volume backed by a DataVolume. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class DataVolumeVolumeSource {

    @JsonProperty("name")
    public String name;

    @JsonProperty("hotpluggable")
    public Boolean hotpluggable;

    public DataVolumeVolumeSource() {
    }

    public DataVolumeVolumeSource(String name, Boolean hotpluggable) {
        this.name = name;
        this.hotpluggable = hotpluggable;
    }
}
