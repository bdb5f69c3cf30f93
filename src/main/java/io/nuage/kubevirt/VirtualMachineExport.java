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
 * KubeVirt's VirtualMachineExport (export.kubevirt.io/v1beta1): serves a PVC for download by HTTPS to whoever has the
 * token of the Secret it names. KubeVirt 1.9 serves v1beta1 and v1 with the same fields; its OpenAPI document lists
 * only v1, which {@code KubeApiSpecTest} checks these objects against.
 */
@Group("export.kubevirt.io")
@Version("v1beta1")
@Kind("VirtualMachineExport")
@Plural("virtualmachineexports")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VirtualMachineExport extends CustomResource<VirtualMachineExportSpec, VirtualMachineExportStatus> implements Namespaced {
}
