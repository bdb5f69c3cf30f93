package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.AccessCredential. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class AccessCredential {

    @JsonProperty("sshPublicKey")
    public SSHPublicKeyAccessCredential sshPublicKey;

    public AccessCredential() {
    }

    public AccessCredential(SSHPublicKeyAccessCredential sshPublicKey) {
        this.sshPublicKey = sshPublicKey;
    }
}
