package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.Quantity;

/** KubeVirt v1.Memory: the memory the guest sees. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class Memory {

    @JsonProperty("guest")
    public Quantity guest;

    public Memory() {
    }

    public Memory(Quantity guest) {
        this.guest = guest;
    }
}
