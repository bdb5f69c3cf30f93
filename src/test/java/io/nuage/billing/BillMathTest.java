package io.nuage.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.nuage.platform.PriceSettings;
import io.nuage.sla.UsageReport;
import io.nuage.sla.UsageReport.Amounts;

class BillMathTest {

    private static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID WEB = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID DATA = UUID.fromString("00000000-0000-0000-0000-000000000002");
    private static final UUID IP = UUID.fromString("00000000-0000-0000-0000-000000000003");
    private static final UUID NET = UUID.fromString("00000000-0000-0000-0000-000000000004");

    static PriceSettings prices(String currency, String egressFree) {
        return new PriceSettings() {
            public String currency() { return currency; }
            public BigDecimal vcpuHour() { return new BigDecimal("0.0125"); }
            public BigDecimal memoryGibHour() { return new BigDecimal("0.0025"); }
            public BigDecimal volumeGibHour() { return new BigDecimal("0.0001"); }
            public BigDecimal imageGibHour() { return new BigDecimal("0.0002"); }
            public BigDecimal publicIpHour() { return new BigDecimal("0.004"); }
            public BigDecimal egressGib() { return new BigDecimal("0.05"); }
            public BigDecimal egressFreeGib() { return new BigDecimal(egressFree); }
        };
    }

    /** A 30-day month: a 2-vCPU 4-GiB instance up all along that sent 3.3 GiB, a 20 GiB volume, an address, an idle network. */
    private static UsageReport month() {
        List<UsageReport.ResourceUsage> resources = List.of(
                new UsageReport.ResourceUsage("instance", "web-1", WEB, new Amounts(720, 1440, 2880, 0, 0), 3.3, Map.of()),
                new UsageReport.ResourceUsage("volume", "data", DATA, new Amounts(720, 0, 0, 14400, 0), 0, Map.of()),
                new UsageReport.ResourceUsage("public_ip", "ip-1", IP, new Amounts(720, 0, 0, 0, 720), 0, Map.of()),
                new UsageReport.ResourceUsage("network", "backend", NET, new Amounts(720, 0, 0, 0, 0), 0, Map.of()));
        return new UsageReport("acme", Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"),
                new Amounts(2880, 1440, 2880, 14400, 720), 3.3, Map.of(), resources);
    }

    private static List<String> lines(Bill bill) {
        return bill.lines().stream().map(l -> String.join(" ", l.kind(), l.name(), l.meter(), l.quantity().toPlainString(), l.unit(),
                l.unitPrice().toPlainString(), l.amount().toPlainString())).toList();
    }

    @Test
    void everyMeteredQuantityIsALineRoundedHalfEvenToTheCent() {
        Bill bill = BillMath.bill(TENANT, YearMonth.of(2026, 11), month(), 0, false, new PriceSheet(prices("EUR", "0")));
        assertEquals(List.of(
                "instance web-1 vcpu_hours 1440.0000 vCPU-hour 0.0125 18.00",
                "instance web-1 memory_gib_hours 2880.0000 GiB-hour 0.0025 7.20",
                "instance web-1 egress_gib 3.3000 GiB 0.05 0.16", // 0.165: half-even, not 0.17
                "volume data volume_gib_hours 14400.0000 GiB-hour 0.0001 1.44",
                "public_ip ip-1 address_hours 720.0000 address-hour 0.004 2.88"), lines(bill));
        assertEquals(new BigDecimal("29.68"), bill.subtotal());
        assertEquals(new BigDecimal("0.00"), bill.serviceCredit());
        assertEquals(new BigDecimal("29.68"), bill.total());
        assertEquals("EUR", bill.currency());
        assertFalse(bill.estimate());
    }

    @Test
    void theEgressAllowanceAndTheServiceCreditAreNegativeLines() {
        Bill bill = BillMath.bill(TENANT, YearMonth.of(2026, 11), month(), 10, true, new PriceSheet(prices("EUR", "1")));
        List<String> lines = lines(bill);
        assertEquals("tenant acme egress_free_gib -1.0000 GiB 0.05 -0.05", lines.get(5));
        assertEquals("tenant acme service_credit -0.1 subtotal 29.63 -2.96", lines.get(6));
        assertEquals(new BigDecimal("29.63"), bill.subtotal());
        assertEquals(new BigDecimal("-2.96"), bill.serviceCredit());
        assertEquals(new BigDecimal("26.67"), bill.total());
        assertTrue(bill.estimate());
    }

    @Test
    void theAllowanceNeverExceedsTheEgress() {
        Bill bill = BillMath.bill(TENANT, YearMonth.of(2026, 11), month(), 0, false, new PriceSheet(prices("EUR", "100")));
        assertEquals("tenant acme egress_free_gib -3.3000 GiB 0.05 -0.16", lines(bill).get(5));
        assertEquals(new BigDecimal("29.52"), bill.total());
    }

    @Test
    void amountsHaveTheCurrencysMinorUnit() {
        Bill bill = BillMath.bill(TENANT, YearMonth.of(2026, 11), month(), 0, false, new PriceSheet(prices("JPY", "0")));
        assertEquals("instance web-1 vcpu_hours 1440.0000 vCPU-hour 0.0125 18", lines(bill).get(0));
    }

    @Test
    void aBadCurrencyOrANegativePriceStopsTheStart() {
        assertThrows(IllegalArgumentException.class, () -> new PriceSheet(prices("EURO", "0")));
        assertThrows(IllegalArgumentException.class, () -> new PriceSheet(prices("EUR", "-1")));
    }
}
