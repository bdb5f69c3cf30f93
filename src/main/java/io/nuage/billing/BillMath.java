package io.nuage.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.nuage.sla.UsageReport;

/**
 * A month's usage priced: one line per resource and meter with a quantity (zero lines are left out), then the
 * tenant's egress allowance, then the SLA service credit on the subtotal. Each amount is rounded half-even to the
 * currency's minor unit on its own line; the sums add rounded amounts, so the lines always add up to the total.
 */
final class BillMath {

    private static final int QUANTITY_DECIMALS = 4;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private BillMath() {
    }

    static Bill bill(UUID tenantId, YearMonth month, UsageReport usage, double creditPercent, boolean estimate, PriceSheet prices) {
        List<Bill.Line> lines = new ArrayList<>();
        for (UsageReport.ResourceUsage r : usage.resources()) {
            for (Meter m : Meter.values()) {
                BigDecimal quantity = quantity(m.quantity(r));
                if (quantity.signum() > 0) {
                    lines.add(line(prices, r.kind(), r.name(), r.id(), m, quantity, prices.price(m)));
                }
            }
        }
        BigDecimal free = prices.egressFreeGib().setScale(QUANTITY_DECIMALS, RoundingMode.HALF_EVEN).min(quantity(usage.egressGib()));
        if (free.signum() > 0) {
            lines.add(line(prices, "tenant", usage.tenant(), tenantId, Meter.EGRESS_FREE_GIB, free.negate(), prices.price(Meter.EGRESS_GIB)));
        }
        BigDecimal subtotal = lines.stream().map(Bill.Line::amount).reduce(zero(prices), BigDecimal::add);
        BigDecimal credit = zero(prices);
        if (creditPercent > 0 && subtotal.signum() > 0) {
            BigDecimal share = BigDecimal.valueOf(creditPercent).divide(HUNDRED).negate();
            Bill.Line line = line(prices, "tenant", usage.tenant(), tenantId, Meter.SERVICE_CREDIT, share, subtotal);
            lines.add(line);
            credit = line.amount();
        }
        return new Bill(usage.tenant(), month.toString(), usage.from(), usage.to(), estimate, prices.currency(), lines, subtotal, credit,
                subtotal.add(credit));
    }

    private static Bill.Line line(PriceSheet prices, String kind, String name, UUID id, Meter m, BigDecimal quantity, BigDecimal unitPrice) {
        return new Bill.Line(kind, name, id, m.wire(), quantity, m.unit(), unitPrice,
                quantity.multiply(unitPrice).setScale(prices.decimals(), RoundingMode.HALF_EVEN));
    }

    /** A usage figure as the usage report shows it (4 decimals), exact from there on. */
    static BigDecimal quantity(double value) {
        return BigDecimal.valueOf(value).setScale(QUANTITY_DECIMALS, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal zero(PriceSheet prices) {
        return BigDecimal.ZERO.setScale(prices.decimals());
    }
}
