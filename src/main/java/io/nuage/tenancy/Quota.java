package io.nuage.tenancy;

/** A tenant's limits. In requests every field is optional (defaults apply, or PATCH keeps it). */
public record Quota(Integer vcpus, Long memoryMib, Integer storageGib, Integer instances) {

    /** This quota with the fields of {@code change} that are set. */
    public Quota with(Quota change) {
        if (change == null) {
            return this;
        }
        return new Quota(
                change.vcpus() != null ? change.vcpus() : vcpus,
                change.memoryMib() != null ? change.memoryMib() : memoryMib,
                change.storageGib() != null ? change.storageGib() : storageGib,
                change.instances() != null ? change.instances() : instances);
    }
}
