package io.nuage.sla;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.nuage.tenancy.Tenant;
import io.nuage.tenancy.TenantStore;
import io.nuage.db.ListFilter;
import io.nuage.db.Sql;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Prometheus gauges from the ledger, refreshed every 30 s by every replica alike (they read the
 * same database): {@code nuage_resource_up} per live resource (1 up, 0 otherwise) and
 * {@code nuage_tenant_availability_percent}, month to date, per tenant.
 */
@Singleton
public class SlaMetrics {

    private static final int PAGE = 500;

    private static final String LIVE_RESOURCES = """
            SELECT t.name AS tenant, r.kind, r.name, r.category FROM ledger_resources r
            JOIN tenants t ON t.id = r.tenant_id
            WHERE r.category IS NOT NULL AND r.category <> 'deleted'""";

    private final Pool pool;
    private final TenantStore tenants;
    private final SlaReports reports;
    private final Clock clock;
    private final MultiGauge resourceUp;
    private final MultiGauge tenantAvailability;

    SlaMetrics(Pool pool, TenantStore tenants, SlaReports reports, Clock clock, MeterRegistry registry) {
        this.pool = pool;
        this.tenants = tenants;
        this.reports = reports;
        this.clock = clock;
        this.resourceUp = MultiGauge.builder("nuage.resource.up")
                .description("1 while the resource is up, 0 otherwise (down, maintenance, stopped, provisioning, unknown)")
                .register(registry);
        this.tenantAvailability = MultiGauge.builder("nuage.tenant.availability.percent")
                .description("Month-to-date availability of the tenant's resources, maintenance counted as downtime")
                .register(registry);
    }

    /** First 5 seconds after start, then every 30 s. (Not {@code delay = 5}: its unit is minutes, so the gauges were missing for 5.) */
    @Scheduled(every = "30s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        List<MultiGauge.Row<?>> up = new ArrayList<>();
        for (Row r : pool.query(LIVE_RESOURCES).execute().await().atMost(Sql.AWAIT)) {
            up.add(MultiGauge.Row.of(Tags.of("tenant", r.getString("tenant"), "kind", r.getString("kind"), "name", r.getString("name")),
                    Category.of(r.getString("category")) == Category.UP ? 1 : 0));
        }
        resourceUp.register(up, true);

        Instant now = clock.instant();
        YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        List<MultiGauge.Row<?>> availability = new ArrayList<>();
        String after = null;
        List<Tenant> page;
        do {
            page = tenants.list(after, PAGE, null, ListFilter.NONE).await().atMost(Sql.AWAIT);
            for (Tenant t : page) {
                Double percent = reports.month(t, month, now).await().atMost(Sql.AWAIT).availabilityPercent();
                if (percent != null) {
                    availability.add(MultiGauge.Row.of(Tags.of("tenant", t.name()), percent));
                }
                after = t.name();
            }
        } while (page.size() == PAGE);
        tenantAvailability.register(availability, true);
    }
}
