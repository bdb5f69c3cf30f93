package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** KubeVirt's cluster-wide instance type (instancetype.kubevirt.io/v1beta1): the size a VirtualMachine may refer to. */
@Group("instancetype.kubevirt.io")
@Version("v1beta1")
@Kind("VirtualMachineClusterInstancetype")
@Plural("virtualmachineclusterinstancetypes")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VirtualMachineClusterInstancetype extends CustomResource<VirtualMachineInstancetypeSpec, Object> {
}
