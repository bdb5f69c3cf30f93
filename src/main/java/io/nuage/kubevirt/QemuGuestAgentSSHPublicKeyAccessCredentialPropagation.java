package io.nuage.kubevirt;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.QemuGuestAgentSSHPublicKeyAccessCredentialPropagation: the guest users whose authorized_keys get the keys. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class QemuGuestAgentSSHPublicKeyAccessCredentialPropagation {

    @JsonProperty("users")
    public List<String> users;

    public QemuGuestAgentSSHPublicKeyAccessCredentialPropagation() {
    }

    public QemuGuestAgentSSHPublicKeyAccessCredentialPropagation(List<String> users) {
        this.users = users;
    }
}
