package io.nuage.kubevirt;

import java.util.Objects;
import java.util.UUID;

/** A tenant and its quota: the input of {@link TenantObjects}. */
public record DesiredTenant(UUID id, String name, int vcpus, long memoryMib, int storageGib, int instances) {

    public DesiredTenant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
