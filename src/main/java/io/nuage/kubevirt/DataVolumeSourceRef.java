package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** CDI v1beta1.DataVolumeSourceRef: a DataSource to clone from, maybe in another namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class DataVolumeSourceRef {

    public static final String DATA_SOURCE = "DataSource";

    @JsonProperty("kind")
    public String kind;

    @JsonProperty("name")
    public String name;

    @JsonProperty("namespace")
    public String namespace;

    public DataVolumeSourceRef() {
    }

    public DataVolumeSourceRef(String kind, String name, String namespace) {
        this.kind = kind;
        this.name = name;
        this.namespace = namespace;
    }
}
