package io.nuage.kubevirt;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.VolumeStatus: a volume the running guest has; hotplugVolume is set for hot-plugged ones. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VolumeStatus {

    @JsonProperty("name")
    public String name;

    @JsonProperty("target")
    public String target;

    @JsonProperty("phase")
    public String phase;

    @JsonProperty("hotplugVolume")
    public Map<String, Object> hotplugVolume;

    public VolumeStatus() {
    }

    public VolumeStatus(String name, String target, String phase, Map<String, Object> hotplugVolume) {
        this.name = name;
        this.target = target;
        this.phase = phase;
        this.hotplugVolume = hotplugVolume;
    }
}
