package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.SSHPublicKeyAccessCredentialSource. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class SSHPublicKeyAccessCredentialSource {

    @JsonProperty("secret")
    public AccessCredentialSecretSource secret;

    public SSHPublicKeyAccessCredentialSource() {
    }

    public SSHPublicKeyAccessCredentialSource(AccessCredentialSecretSource secret) {
        this.secret = secret;
    }
}
