package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.DomainSpec: the virtual hardware. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class DomainSpec {

    @JsonProperty("cpu")
    public CPU cpu;

    @JsonProperty("memory")
    public Memory memory;

    @JsonProperty("resources")
    public ResourceRequirements resources;

    @JsonProperty("devices")
    public Devices devices;

    public DomainSpec() {
    }

    public DomainSpec(CPU cpu, Memory memory, ResourceRequirements resources, Devices devices) {
        this.cpu = cpu;
        this.memory = memory;
        this.resources = resources;
        this.devices = devices;
    }
}
