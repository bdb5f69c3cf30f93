package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.Interface: a NIC; its name matches the network it is on. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class Interface {

    @JsonProperty("name")
    public String name;

    @JsonProperty("masquerade")
    public InterfaceMasquerade masquerade;

    public Interface() {
    }

    public Interface(String name, InterfaceMasquerade masquerade) {
        this.name = name;
        this.masquerade = masquerade;
    }
}
