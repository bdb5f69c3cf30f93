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
 * CDI's DataSource (cdi.kubevirt.io/v1beta1): a named pointer to a PVC that DataVolumes (a VM's dataVolumeTemplates)
 * clone from with {@code sourceRef}. Nuage publishes every image as one; CDI reports it Ready once the PVC is populated.
 */
@Group("cdi.kubevirt.io")
@Version("v1beta1")
@Kind("DataSource")
@Plural("datasources")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class DataSource extends CustomResource<DataSourceSpec, DataSourceStatus> implements Namespaced {
}
