package io.nuage.kubevirt;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt v1.VirtualMachineInstanceSpec: the VM's hardware, networks, volumes and credentials. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VirtualMachineInstanceSpec {

    @JsonProperty("domain")
    public DomainSpec domain;

    @JsonProperty("networks")
    public List<Network> networks;

    @JsonProperty("volumes")
    public List<Volume> volumes;

    @JsonProperty("accessCredentials")
    public List<AccessCredential> accessCredentials;

    @JsonProperty("terminationGracePeriodSeconds")
    public Long terminationGracePeriodSeconds;

    @JsonProperty("affinity")
    public Affinity affinity;

    public VirtualMachineInstanceSpec() {
    }

    public VirtualMachineInstanceSpec(DomainSpec domain, List<Network> networks, List<Volume> volumes, List<AccessCredential> accessCredentials, Long terminationGracePeriodSeconds) {
        this.domain = domain;
        this.networks = networks;
        this.volumes = volumes;
        this.accessCredentials = accessCredentials;
        this.terminationGracePeriodSeconds = terminationGracePeriodSeconds;
    }
}
