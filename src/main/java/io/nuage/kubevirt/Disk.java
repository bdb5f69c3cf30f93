package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.Disk: a disk device; its name matches the volume it shows. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class Disk {

    @JsonProperty("name")
    public String name;

    @JsonProperty("disk")
    public DiskTarget disk;

    public Disk() {
    }

    public Disk(String name, DiskTarget disk) {
        this.name = name;
        this.disk = disk;
    }
}
