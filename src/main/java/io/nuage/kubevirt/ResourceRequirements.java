package io.nuage.kubevirt;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.Quantity;

/** KubeVirt v1.ResourceRequirements: what the virt-launcher pod asks the scheduler for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ResourceRequirements {

    @JsonProperty("requests")
    public Map<String, Quantity> requests;

    public ResourceRequirements() {
    }

    public ResourceRequirements(Map<String, Quantity> requests) {
        this.requests = requests;
    }
}
