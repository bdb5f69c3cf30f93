package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** KubeVirt v1.NoCloudSSHPublicKeyAccessCredentialPropagation: keys go through the cloud-init NoCloud disk. Serialized as {}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class NoCloudSSHPublicKeyAccessCredentialPropagation {

    public NoCloudSSHPublicKeyAccessCredentialPropagation() {
    }
}
