package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.CPU: the guest CPU topology. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class CPU {

    @JsonProperty("cores")
    public Integer cores;

    @JsonProperty("sockets")
    public Integer sockets;

    @JsonProperty("threads")
    public Integer threads;

    public CPU() {
    }

    public CPU(Integer cores, Integer sockets, Integer threads) {
        this.cores = cores;
        this.sockets = sockets;
        this.threads = threads;
    }
}
