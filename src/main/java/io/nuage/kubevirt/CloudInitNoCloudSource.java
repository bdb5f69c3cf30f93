package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.LocalObjectReference;

/**
 * KubeVirt v1.CloudInitNoCloudSource: user data from a Secret (key userdata), or inline; and
 * optionally inline network data (NoCloud network-config).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class CloudInitNoCloudSource {

    @JsonProperty("secretRef")
    public LocalObjectReference secretRef;

    @JsonProperty("userData")
    public String userData;

    @JsonProperty("networkData")
    public String networkData;

    public CloudInitNoCloudSource() {
    }

    public CloudInitNoCloudSource(LocalObjectReference secretRef, String userData) {
        this.secretRef = secretRef;
        this.userData = userData;
    }

    public CloudInitNoCloudSource(LocalObjectReference secretRef, String userData, String networkData) {
        this(secretRef, userData);
        this.networkData = networkData;
    }
}
