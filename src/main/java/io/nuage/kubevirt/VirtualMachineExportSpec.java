package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;

/** KubeVirt VirtualMachineExportSpec: what to export, the Secret holding the token, and how long the export lives. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VirtualMachineExportSpec {

    /** A PersistentVolumeClaim: apiGroup "", kind PersistentVolumeClaim, its name. */
    @JsonProperty("source")
    public TypedLocalObjectReference source;

    /** The Secret, in the export's namespace, whose key {@code token} the export server checks. */
    @JsonProperty("tokenSecretRef")
    public String tokenSecretRef;

    /** A Kubernetes duration ("3600s"), counted from the export's creation; KubeVirt deletes the export after it. */
    @JsonProperty("ttlDuration")
    public String ttlDuration;

    public VirtualMachineExportSpec() {
    }

    public VirtualMachineExportSpec(TypedLocalObjectReference source, String tokenSecretRef, String ttlDuration) {
        this.source = source;
        this.tokenSecretRef = tokenSecretRef;
        this.ttlDuration = ttlDuration;
    }
}
