package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** CDI v1beta1.DataVolumeSpec: where the data comes from, and the storage it lands on. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class DataVolumeSpec {

    @JsonProperty("source")
    public DataVolumeSource source;

    @JsonProperty("storage")
    public StorageSpec storage;

    /** Instead of a source: clone what a DataSource publishes (an image). */
    @JsonProperty("sourceRef")
    public DataVolumeSourceRef sourceRef;

    public DataVolumeSpec() {
    }

    public DataVolumeSpec(DataVolumeSource source, StorageSpec storage) {
        this.source = source;
        this.storage = storage;
    }
}
