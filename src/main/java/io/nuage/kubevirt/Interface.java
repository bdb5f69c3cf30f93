package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.Interface: a NIC; its name matches the network it is on. One binding is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class Interface {

    @JsonProperty("name")
    public String name;

    @JsonProperty("masquerade")
    public InterfaceMasquerade masquerade;

    @JsonProperty("bridge")
    public InterfaceBridge bridge;

    /** Fixed when the guest's cloud-init network data must find the NIC by its MAC. */
    @JsonProperty("macAddress")
    public String macAddress;

    public Interface() {
    }

    public Interface(String name, InterfaceMasquerade masquerade) {
        this.name = name;
        this.masquerade = masquerade;
    }

    public static Interface masquerade(String name, String macAddress) {
        Interface i = new Interface(name, new InterfaceMasquerade());
        i.macAddress = macAddress;
        return i;
    }

    public static Interface bridge(String name, String macAddress) {
        Interface i = new Interface();
        i.name = name;
        i.bridge = new InterfaceBridge();
        i.macAddress = macAddress;
        return i;
    }
}
