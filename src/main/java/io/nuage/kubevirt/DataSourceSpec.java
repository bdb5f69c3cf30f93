package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** CDI v1beta1.DataSourceSpec and v1beta1.DataSourceSource: Nuage points a DataSource at a PVC only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class DataSourceSpec {

    @JsonProperty("source")
    public Source source;

    public DataSourceSpec() {
    }

    public DataSourceSpec(String pvcNamespace, String pvcName) {
        this.source = new Source(new PvcSource(pvcNamespace, pvcName));
    }

    /** v1beta1.DataSourceSource (also the status' {@code source}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Source {

        @JsonProperty("pvc")
        public PvcSource pvc;

        public Source() {
        }

        public Source(PvcSource pvc) {
            this.pvc = pvc;
        }
    }

    /** v1beta1.DataVolumeSourcePVC. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class PvcSource {

        @JsonProperty("namespace")
        public String namespace;

        @JsonProperty("name")
        public String name;

        public PvcSource() {
        }

        public PvcSource(String namespace, String name) {
            this.namespace = namespace;
            this.name = name;
        }
    }
}
