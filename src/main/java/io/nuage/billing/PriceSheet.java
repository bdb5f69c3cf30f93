package io.nuage.billing;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.nuage.platform.NuageConfig;
import io.nuage.platform.PriceSettings;

/** The operator's unit prices ({@code nuage.prices.*}); a currency that is not ISO 4217, or a negative price, stops the start. */
@ApplicationScoped
public class PriceSheet {

    private final Currency currency;
    private final Map<Meter, BigDecimal> prices = new EnumMap<>(Meter.class);
    private final BigDecimal egressFreeGib;

    @Inject
    PriceSheet(NuageConfig config) {
        this(config.prices());
    }

    PriceSheet(PriceSettings p) {
        this.currency = Currency.getInstance(p.currency());
        prices.put(Meter.VCPU_HOURS, p.vcpuHour());
        prices.put(Meter.MEMORY_GIB_HOURS, p.memoryGibHour());
        prices.put(Meter.VOLUME_GIB_HOURS, p.volumeGibHour());
        prices.put(Meter.IMAGE_GIB_HOURS, p.imageGibHour());
        prices.put(Meter.ADDRESS_HOURS, p.publicIpHour());
        prices.put(Meter.EGRESS_GIB, p.egressGib());
        this.egressFreeGib = p.egressFreeGib();
        prices.forEach((m, price) -> requireNonNegative(price, "nuage.prices price of " + m.wire()));
        requireNonNegative(egressFreeGib, "nuage.prices.egress-free-gib");
    }

    private static void requireNonNegative(BigDecimal value, String what) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException(what + " must not be negative");
        }
    }

    public String currency() {
        return currency.getCurrencyCode();
    }

    /** Amounts are rounded to the currency's minor unit: 2 decimals for EUR and USD, 0 for JPY. */
    int decimals() {
        return Math.max(0, currency.getDefaultFractionDigits());
    }

    BigDecimal price(Meter meter) {
        return prices.get(meter);
    }

    BigDecimal egressFreeGib() {
        return egressFreeGib;
    }

    /** The sheet as {@code GET /v1/prices} shows it. */
    public Sheet sheet() {
        return new Sheet(currency(), prices.entrySet().stream().map(e -> new Price(e.getKey().wire(), e.getKey().unit(), e.getValue())).toList(),
                egressFreeGib, decimals());
    }

    @Schema(name = "PriceSheet")
    public record Sheet(@Schema(description = "ISO 4217") String currency, List<Price> prices,
            @Schema(description = "Egress GiB free of charge per tenant and month") BigDecimal egressFreeGibPerMonth,
            @Schema(description = "Each bill line's amount is rounded half-even to this many decimals (the currency's minor unit)") int amountDecimals) {
    }

    public record Price(@Schema(enumeration = { "vcpu_hours", "memory_gib_hours", "volume_gib_hours", "image_gib_hours", "address_hours",
            "egress_gib" }) String meter, String unit, BigDecimal unitPrice) {
    }
}
