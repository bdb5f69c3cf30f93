package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.SSHPublicKeyAccessCredential: where the keys come from and how they reach the guest. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class SSHPublicKeyAccessCredential {

    @JsonProperty("source")
    public SSHPublicKeyAccessCredentialSource source;

    @JsonProperty("propagationMethod")
    public SSHPublicKeyAccessCredentialPropagationMethod propagationMethod;

    public SSHPublicKeyAccessCredential() {
    }

    public SSHPublicKeyAccessCredential(SSHPublicKeyAccessCredentialSource source, SSHPublicKeyAccessCredentialPropagationMethod propagationMethod) {
        this.source = source;
        this.propagationMethod = propagationMethod;
    }
}
