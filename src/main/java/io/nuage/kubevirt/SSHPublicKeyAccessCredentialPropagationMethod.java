package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.SSHPublicKeyAccessCredentialPropagationMethod. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class SSHPublicKeyAccessCredentialPropagationMethod {

    @JsonProperty("noCloud")
    public NoCloudSSHPublicKeyAccessCredentialPropagation noCloud;

    public SSHPublicKeyAccessCredentialPropagationMethod() {
    }

    public SSHPublicKeyAccessCredentialPropagationMethod(NoCloudSSHPublicKeyAccessCredentialPropagation noCloud) {
        this.noCloud = noCloud;
    }
}
