package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** KubeVirt v1.InterfaceBridge: the guest NIC is bridged onto the network's layer 2. Serialized as {}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class InterfaceBridge {

    public InterfaceBridge() {
    }
}
