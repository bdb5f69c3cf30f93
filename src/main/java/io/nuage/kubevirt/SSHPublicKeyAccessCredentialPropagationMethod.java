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

    /** Keys kept current in the running guest by the QEMU guest agent; KubeVirt allows one method per credential. */
    @JsonProperty("qemuGuestAgent")
    public QemuGuestAgentSSHPublicKeyAccessCredentialPropagation qemuGuestAgent;

    public SSHPublicKeyAccessCredentialPropagationMethod() {
    }

    public SSHPublicKeyAccessCredentialPropagationMethod(NoCloudSSHPublicKeyAccessCredentialPropagation noCloud) {
        this.noCloud = noCloud;
    }

    public SSHPublicKeyAccessCredentialPropagationMethod(QemuGuestAgentSSHPublicKeyAccessCredentialPropagation qemuGuestAgent) {
        this.qemuGuestAgent = qemuGuestAgent;
    }
}
