package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.AccessCredentialSecretSource. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class AccessCredentialSecretSource {

    @JsonProperty("secretName")
    public String secretName;

    public AccessCredentialSecretSource() {
    }

    public AccessCredentialSecretSource(String secretName) {
        this.secretName = secretName;
    }
}
