package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Spec of a Multus NetworkAttachmentDefinition: a CNI configuration, as a JSON string. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class NetworkAttachmentDefinitionSpec {

    @JsonProperty("config")
    public String config;

    public NetworkAttachmentDefinitionSpec() {
    }

    public NetworkAttachmentDefinitionSpec(String config) {
        this.config = config;
    }
}
