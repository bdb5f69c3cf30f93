package io.nuage.kubevirt;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.Devices. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class Devices {

    @JsonProperty("disks")
    public List<Disk> disks;

    @JsonProperty("interfaces")
    public List<Interface> interfaces;

    public Devices() {
    }

    public Devices(List<Disk> disks, List<Interface> interfaces) {
        this.disks = disks;
        this.interfaces = interfaces;
    }
}
