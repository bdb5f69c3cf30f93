package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.MultusNetwork: a secondary network from a NetworkAttachmentDefinition of the VM's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class MultusNetwork {

    @JsonProperty("networkName")
    public String networkName;

    public MultusNetwork() {
    }

    public MultusNetwork(String networkName) {
        this.networkName = networkName;
    }
}
