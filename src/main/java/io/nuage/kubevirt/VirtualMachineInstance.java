package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * KubeVirt's VirtualMachineInstance (kubevirt.io/v1): the running VM that KubeVirt (or the
 * simulated cluster) creates from a VirtualMachine. Nuage only reads it, and of its spec only what
 * {@link RunningGuestSpec} holds.
 */
@Group("kubevirt.io")
@Version("v1")
@Kind("VirtualMachineInstance")
@Plural("virtualmachineinstances")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VirtualMachineInstance extends CustomResource<RunningGuestSpec, VirtualMachineInstanceStatus>
        implements Namespaced {
}
