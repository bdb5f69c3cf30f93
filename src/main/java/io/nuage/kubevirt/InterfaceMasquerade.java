package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** KubeVirt v1.InterfaceMasquerade: NAT behind the pod IP. Serialized as {}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class InterfaceMasquerade {

    public InterfaceMasquerade() {
    }
}
