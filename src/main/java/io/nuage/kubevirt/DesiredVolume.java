package io.nuage.kubevirt;

import java.util.Objects;
import java.util.UUID;

/**
 * What Nuage wants for one volume: the input of {@link VolumeObjects}.
 *
 * @param name         the volume name, also the DataVolume's (and so its PVC's) name
 * @param storageClass the storage class, or null for the cluster's default
 * @param source       where the data comes from: exactly one kind
 */
public record DesiredVolume(UUID id, String tenant, String namespace, String name, int sizeGib, String storageClass,
        DataVolumeSource source) {

    public DesiredVolume {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
    }
}
