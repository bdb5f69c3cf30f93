package io.nuage.kubevirt;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The part of the template's ObjectMeta we own (labels only), so metadata the cluster adds to a template is never taken for drift. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class TemplateMetadata {

    @JsonProperty("labels")
    public Map<String, String> labels;

    public TemplateMetadata() {
    }

    public TemplateMetadata(Map<String, String> labels) {
        this.labels = labels;
    }
}
