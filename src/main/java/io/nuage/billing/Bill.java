package io.nuage.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant's estimated bill for a calendar month (UTC): the month's usage at the price sheet's unit prices, line by line. */
public record Bill(String tenant, @Schema(pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$") String month, Instant from, Instant to,
        @Schema(description = "True while the month is not over: the usage so far, at today's prices") boolean estimate,
        @Schema(description = "ISO 4217") String currency,
        List<Line> lines,
        @Schema(description = "Sum of the lines before the service credit") BigDecimal subtotal,
        @Schema(description = "The SLA service credit: 0, or the negative amount of the service_credit line") BigDecimal serviceCredit,
        BigDecimal total) {

    /**
     * One charge: {@code amount} is {@code quantity * unit_price}, rounded half-even to the currency's minor unit.
     * Allowance and credit lines have a negative quantity.
     */
    @Schema(name = "BillLine")
    public record Line(@Schema(description = "instance, volume, image, public_ip; tenant for the egress allowance and the service credit") String kind,
            String name, UUID id,
            @Schema(enumeration = { "vcpu_hours", "memory_gib_hours", "volume_gib_hours", "image_gib_hours", "address_hours", "egress_gib",
                    "egress_free_gib", "service_credit" }) String meter,
            @Schema(description = "Usage rounded to 4 decimals, as the usage report shows it") BigDecimal quantity,
            String unit, BigDecimal unitPrice, BigDecimal amount) {
    }
}
