package io.nuage.kubevirt;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.VirtualMachineInstanceNetworkInterface, the fields we read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VirtualMachineInstanceNetworkInterface {

    @JsonProperty("name")
    public String name;

    @JsonProperty("ipAddress")
    public String ipAddress;

    @JsonProperty("ipAddresses")
    public List<String> ipAddresses;

    public VirtualMachineInstanceNetworkInterface() {
    }

    public VirtualMachineInstanceNetworkInterface(String name, String ipAddress, List<String> ipAddresses) {
        this.name = name;
        this.ipAddress = ipAddress;
        this.ipAddresses = ipAddresses;
    }
}
