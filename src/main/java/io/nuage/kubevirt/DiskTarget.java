package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.DiskTarget. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class DiskTarget {

    @JsonProperty("bus")
    public String bus;

    public DiskTarget() {
    }

    public DiskTarget(String bus) {
        this.bus = bus;
    }
}
