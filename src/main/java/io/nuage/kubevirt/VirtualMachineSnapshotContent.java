package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** KubeVirt's VirtualMachineSnapshotContent (snapshot.kubevirt.io/v1beta1). */
@Group("snapshot.kubevirt.io")
@Version("v1beta1")
@Kind("VirtualMachineSnapshotContent")
@Plural("virtualmachinesnapshotcontents")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VirtualMachineSnapshotContent extends CustomResource<VirtualMachineSnapshotContentSpec, VirtualMachineSnapshotContentStatus> implements Namespaced {
}
