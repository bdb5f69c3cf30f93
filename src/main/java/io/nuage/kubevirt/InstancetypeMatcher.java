package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.InstancetypeMatcher: which instance type a VirtualMachine takes its CPU and memory from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class InstancetypeMatcher {

    public static final String CLUSTER_KIND = "VirtualMachineClusterInstancetype";

    @JsonProperty("kind")
    public String kind;

    @JsonProperty("name")
    public String name;

    public InstancetypeMatcher() {
    }

    public InstancetypeMatcher(String kind, String name) {
        this.kind = kind;
        this.name = name;
    }
}
