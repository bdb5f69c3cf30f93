package io.nuage.platform;

import java.math.BigDecimal;

import io.smallrye.config.WithDefault;

/** {@code nuage.prices.*}: the operator's price sheet, unit prices in {@code currency}; a price not set is 0. */
public interface PriceSettings {

    /** ISO 4217 code, shown on the sheet and the bill. */
    @WithDefault("EUR")
    String currency();

    /** Per vCPU and hour an instance is up (or in maintenance). */
    @WithDefault("0")
    BigDecimal vcpuHour();

    /** Per GiB of memory and hour an instance is up (or in maintenance). */
    @WithDefault("0")
    BigDecimal memoryGibHour();

    /** Per GiB of a volume's size and hour it exists. */
    @WithDefault("0")
    BigDecimal volumeGibHour();

    /** Per GiB of a tenant image and hour it exists. */
    @WithDefault("0")
    BigDecimal imageGibHour();

    /** Per hour a public address is held, attached or not. */
    @WithDefault("0")
    BigDecimal publicIpHour();

    /** Per GiB sent out by instances. */
    @WithDefault("0")
    BigDecimal egressGib();

    /** Egress GiB free of charge per tenant and month. */
    @WithDefault("0")
    BigDecimal egressFreeGib();
}
