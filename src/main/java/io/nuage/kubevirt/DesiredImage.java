package io.nuage.kubevirt;

import java.util.Objects;
import java.util.UUID;

/**
 * What Nuage wants for one image: the input of {@link ImageObjects}.
 *
 * @param tenant       the tenant's name, or null for an image of the operator's catalog
 * @param namespace    the tenant's namespace, or the catalog's
 * @param objectName   the name of the DataVolume, its PVC and the DataSource ({@link ImageObjects#objectName})
 * @param source       where the data comes from: exactly one kind
 */
public record DesiredImage(UUID id, String tenant, String namespace, String objectName, int sizeGib, String storageClass,
        DataVolumeSource source) {

    public DesiredImage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(objectName, "objectName");
        Objects.requireNonNull(source, "source");
    }
}
