package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** CDI's DataVolume (cdi.kubevirt.io/v1beta1): the object Nuage writes for each volume; CDI makes its PVC. */
@Group("cdi.kubevirt.io")
@Version("v1beta1")
@Kind("DataVolume")
@Plural("datavolumes")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class DataVolume extends CustomResource<DataVolumeSpec, DataVolumeStatus> implements Namespaced {
}
