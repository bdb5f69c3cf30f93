package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.ContainerDiskSource: an ephemeral root disk from a container image. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ContainerDiskSource {

    @JsonProperty("image")
    public String image;

    public ContainerDiskSource() {
    }

    public ContainerDiskSource(String image) {
        this.image = image;
    }
}
