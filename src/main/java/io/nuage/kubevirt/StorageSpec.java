package io.nuage.kubevirt;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeResourceRequirements;

/**
 * CDI v1beta1.StorageSpec: the size and class of the PVC CDI creates. Access and volume modes
 * are left to CDI, which takes them from the storage class's StorageProfile.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class StorageSpec {

    @JsonProperty("resources")
    public VolumeResourceRequirements resources;

    @JsonProperty("storageClassName")
    public String storageClassName;

    public StorageSpec() {
    }

    public StorageSpec(Quantity size, String storageClassName) {
        this.resources = new VolumeResourceRequirements(null, Map.of("storage", size));
        this.storageClassName = storageClassName;
    }
}
