package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.Network: the pod network or a Multus secondary network. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class Network {

    @JsonProperty("name")
    public String name;

    @JsonProperty("pod")
    public PodNetwork pod;

    @JsonProperty("multus")
    public MultusNetwork multus;

    public Network() {
    }

    public Network(String name, PodNetwork pod) {
        this.name = name;
        this.pod = pod;
    }

    public Network(String name, MultusNetwork multus) {
        this.name = name;
        this.multus = multus;
    }
}
