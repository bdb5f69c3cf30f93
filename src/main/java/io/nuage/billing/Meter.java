package io.nuage.billing;

import java.util.function.ToDoubleFunction;

import io.nuage.sla.UsageReport.ResourceUsage;

/** What a bill line counts, read from a resource's usage, and the unit it is priced in. */
public enum Meter {
    VCPU_HOURS("vCPU-hour", r -> r.total().vcpuHours()),
    MEMORY_GIB_HOURS("GiB-hour", r -> r.total().memoryGibHours()),
    VOLUME_GIB_HOURS("GiB-hour", r -> r.kind().equals("volume") ? r.total().storageGibHours() : 0),
    IMAGE_GIB_HOURS("GiB-hour", r -> r.kind().equals("image") ? r.total().storageGibHours() : 0),
    ADDRESS_HOURS("address-hour", r -> r.total().addressHours()),
    EGRESS_GIB("GiB", ResourceUsage::egressGib),
    /** The tenant's monthly egress allowance: a negative quantity of egress GiB, at the egress price. */
    EGRESS_FREE_GIB("GiB", r -> 0),
    /** The SLA service credit of the month: a negative share of the subtotal. */
    SERVICE_CREDIT("subtotal", r -> 0);

    private final String unit;
    private final ToDoubleFunction<ResourceUsage> quantity;

    Meter(String unit, ToDoubleFunction<ResourceUsage> quantity) {
        this.unit = unit;
        this.quantity = quantity;
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String unit() {
        return unit;
    }

    double quantity(ResourceUsage r) {
        return quantity.applyAsDouble(r);
    }
}
