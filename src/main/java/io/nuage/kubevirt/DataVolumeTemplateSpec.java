package io.nuage.kubevirt;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * KubeVirt v1.DataVolumeTemplateSpec: a DataVolume the VirtualMachine's controller creates with the VM (and deletes with
 * it), owned by it. Of its metadata only what Nuage sets is modelled, so what the cluster adds is never taken for drift.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class DataVolumeTemplateSpec {

    @JsonProperty("metadata")
    public Metadata metadata;

    @JsonProperty("spec")
    public DataVolumeSpec spec;

    public DataVolumeTemplateSpec() {
    }

    public DataVolumeTemplateSpec(String name, Map<String, String> labels, DataVolumeSpec spec) {
        this.metadata = new Metadata(name, labels);
        this.spec = spec;
    }

    /** The DataVolume's name and labels. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Metadata {
        @JsonProperty("name")
        public String name;

        @JsonProperty("labels")
        public Map<String, String> labels;

        public Metadata() {
        }

        public Metadata(String name, Map<String, String> labels) {
            this.name = name;
            this.labels = labels;
        }
    }
}
