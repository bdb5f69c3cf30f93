package io.nuage.billing;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.errors.FieldError;
import io.nuage.errors.NuageError;
import io.nuage.sla.SlaReports;
import io.nuage.tenancy.Tenant;
import io.smallrye.mutiny.Uni;

/** A tenant's bill for a month: its usage and its SLA report of that month, at the price sheet's prices. */
@ApplicationScoped
public class Bills {

    private final SlaReports reports;
    private final PriceSheet prices;

    Bills(SlaReports reports, PriceSheet prices) {
        this.reports = reports;
        this.prices = prices;
    }

    /** The bill of {@code month}, an estimate until it is over; a month after the current one is refused (422). */
    public Uni<Bill> bill(Tenant tenant, YearMonth month, Instant now) {
        Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        if (!start.isBefore(now)) {
            throw NuageError.rejectedField("month_not_billable", "There is no bill for a month that has not started",
                    new FieldError("month", "must not be after the current month"));
        }
        boolean estimate = end.isAfter(now);
        return reports.usage(tenant, start, end, now).chain(usage -> reports.month(tenant, month, now)
                .map(sla -> BillMath.bill(tenant.id(), month, usage, sla.serviceCreditPercent(), estimate, prices)));
    }
}
