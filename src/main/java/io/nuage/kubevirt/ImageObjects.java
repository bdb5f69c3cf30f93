package io.nuage.kubevirt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;

/**
 * The Kubernetes objects of one image, as pure functions of {@link DesiredImage}: a DataVolume CDI imports the image
 * with (once), its PVC (CDI's, same name), and a DataSource of the same name pointing at the PVC, which boot disks
 * clone from. The operator's catalog lives in a namespace of its own, made with its RoleBinding like a tenant's.
 */
public final class ImageObjects {

    /** The {@link Labels#KIND} of an image's objects, so that watch events and orphans go to the image kind. */
    public static final String KIND = "image";
    /** A tenant image's objects share the tenant's namespace with its volumes' DataVolumes: this keeps them apart. */
    public static final String TENANT_PREFIX = "img-";
    /** The label that marks the catalog's namespace as made for it. */
    public static final String CATALOG_KIND = "image-catalog";

    private ImageObjects() {
    }

    /** The name of the image's DataVolume, PVC and DataSource: the image's own in the catalog, prefixed in a tenant. */
    public static String objectName(String image, boolean inTenant) {
        return inTenant ? TENANT_PREFIX + image : image;
    }

    /** The DataVolume that imports the image once into a PVC of the same name. */
    public static DataVolume dataVolume(DesiredImage d) {
        DataVolume dv = new DataVolume();
        dv.setMetadata(metadata(d));
        dv.setSpec(new DataVolumeSpec(d.source(), new StorageSpec(VolumeObjects.size(d.sizeGib()), d.storageClass())));
        return dv;
    }

    /** The DataSource that publishes the image's PVC, for a VM's dataVolumeTemplates to clone ({@code sourceRef}). */
    public static DataSource dataSource(DesiredImage d) {
        DataSource ds = new DataSource();
        ds.setMetadata(metadata(d));
        ds.setSpec(new DataSourceSpec(d.namespace(), d.objectName()));
        return ds;
    }

    /** The catalog's namespace: labelled as Nuage's, so that the RoleBinding below is allowed there. */
    public static Namespace catalogNamespace(String name) {
        return new NamespaceBuilder().withMetadata(new ObjectMetaBuilder().withName(name).withLabels(catalogLabels()).build())
                .build();
    }

    /** Grants Nuage the same rights in the catalog's namespace as in a tenant's ({@link TenantObjects#roleBinding}). */
    public static RoleBinding catalogRoleBinding(String namespace, String serviceAccountNamespace, String serviceAccountName) {
        return new RoleBindingBuilder()
                .withMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(TenantObjects.ROLE_BINDING_NAME)
                        .withLabels(catalogLabels()).build())
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
                .withName(TenantObjects.TENANT_ROLE).endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withNamespace(serviceAccountNamespace).withName(serviceAccountName)
                .endSubject()
                .build();
    }

    /** Our labels; a catalog image's have no tenant. Insertion-ordered, so objects serialize the same every time. */
    public static Map<String, String> labels(DesiredImage d) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.MANAGED_BY, Labels.MANAGER);
        if (d.tenant() != null) {
            labels.put(Labels.TENANT, d.tenant());
        }
        labels.put(Labels.RESOURCE_ID, d.id().toString());
        labels.put(Labels.KIND, KIND);
        return Collections.unmodifiableMap(labels);
    }

    private static ObjectMeta metadata(DesiredImage d) {
        return new ObjectMetaBuilder().withNamespace(d.namespace()).withName(d.objectName()).withLabels(labels(d)).build();
    }

    private static Map<String, String> catalogLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.MANAGED_BY, Labels.MANAGER);
        labels.put(Labels.KIND, CATALOG_KIND);
        return Collections.unmodifiableMap(labels);
    }
}
