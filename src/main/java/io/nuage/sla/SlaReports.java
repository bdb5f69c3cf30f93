package io.nuage.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.db.Sql;
import io.nuage.platform.NuageConfig;
import io.nuage.sla.Observation.Kind;
import io.nuage.sla.UsageReport.Amounts;
import io.nuage.tenancy.Tenant;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Availability and usage, read from the ledger. A resource's report and usage read its
 * transitions; a tenant's month reads the month totals kept at ingestion (one row per
 * resource and category), plus the interval still open, so it costs the same whatever the
 * number of transitions.
 */
@ApplicationScoped
public class SlaReports {

    /**
     * The intervals of a tenant's resources (or one) that touch [$2, $3): the last transition at
     * or before $2, every one inside, and the first at or after $3 so that the last interval's
     * true end (and length) is known.
     */
    private static final String SPANS = """
            SELECT r.resource_id, r.kind, r.name, t.at, t.next_at, t.category, t.reason, t.vcpus, t.memory_mib, t.storage_gib
            FROM ledger_resources r CROSS JOIN LATERAL (
                SELECT x.at, lead(x.at) OVER (ORDER BY x.at) AS next_at, x.category, x.reason, x.vcpus, x.memory_mib, x.storage_gib
                FROM ledger_transitions x WHERE x.resource_id = r.resource_id
                AND x.at >= COALESCE((SELECT max(y.at) FROM ledger_transitions y
                                      WHERE y.resource_id = r.resource_id AND y.at <= $2), '-infinity')
                AND x.at <= COALESCE((SELECT min(y.at) FROM ledger_transitions y
                                      WHERE y.resource_id = r.resource_id AND y.at >= $3), 'infinity')
            ) t
            WHERE r.tenant_id = $1 AND ($4::uuid IS NULL OR r.resource_id = $4) AND t.at < $3 AND t.category <> 'deleted'
            ORDER BY r.kind, r.name, r.resource_id, t.at""";

    private final Pool pool;
    private final NuageConfig config;
    private final CreditTable credits;
    private final EgressStore egress;

    SlaReports(Pool pool, NuageConfig config, CreditTable credits, EgressStore egress) {
        this.pool = pool;
        this.config = config;
        this.credits = credits;
        this.egress = egress;
    }

    /** The intervals inside [from, min(to, now)) of one resource, or of all the tenant's when {@code resourceId} is null. */
    public Uni<List<Span>> spans(UUID tenantId, UUID resourceId, Instant from, Instant to, Instant now) {
        Instant end = to.isBefore(now) ? to : now;
        if (!end.isAfter(from)) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery(SPANS).execute(Tuple.of(tenantId, Sql.timestamp(from), Sql.timestamp(end), resourceId)).map(rows -> {
            List<Span> spans = new ArrayList<>();
            for (Row r : rows) {
                Instant starts = Sql.instant(r, "at");
                Instant ends = Sql.instant(r, "next_at");
                Instant endOrNow = ends != null ? ends : now;
                Instant clippedStart = starts.isAfter(from) ? starts : from;
                Instant clippedEnd = endOrNow.isBefore(end) ? endOrNow : end;
                if (!clippedEnd.isAfter(clippedStart)) {
                    continue;
                }
                spans.add(new Span(r.getUUID("resource_id"), Kind.of(r.getString("kind")), r.getString("name"), starts, ends,
                        Category.of(r.getString("category")), r.getString("reason"), LedgerStore.sizes(r),
                        LedgerMath.seconds(clippedStart, clippedEnd), LedgerMath.seconds(starts, endOrNow)));
            }
            return spans;
        });
    }

    public Uni<ResourceAvailability> resource(UUID tenantId, String kind, UUID id, String name, Instant from, Instant to, Instant now) {
        return spans(tenantId, id, from, to, now).map(spans -> availability(kind, name, id, from, to.isBefore(now) ? to : now, spans));
    }

    /** A resource's figures from its spans: the computation every availability report shares. */
    ResourceAvailability availability(String kind, String name, UUID id, Instant from, Instant to, List<Span> spans) {
        Totals totals = new Totals();
        List<Incident> incidents = new ArrayList<>();
        for (Span s : spans) {
            Category counted = counted(s.category(), s.lengthSeconds());
            totals.add(counted, s.seconds());
            if (counted.outage() || counted == Category.UNKNOWN) {
                incidents.add(new Incident(s.startsAt(), s.endsAt(), counted.wire(), s.reason()));
            }
        }
        return new ResourceAvailability(kind, name, id, from, to, totals.availabilityPercent(), totals.slaAvailabilityPercent(),
                totals.measuredMinutes(), totals.minutes(Category.UP), totals.minutes(Category.DOWN), totals.minutes(Category.MAINTENANCE),
                totals.minutes(Category.UNKNOWN), totals.minutes(Category.STOPPED), totals.minutes(Category.PROVISIONING), incidents);
    }

    private Category counted(Category category, double lengthSeconds) {
        // Rounded, not truncated: seconds * 1e9 can land a hair under the whole number of nanoseconds
        // (1.001 s gives 1.0009999999999999E9), which made an outage of exactly the minimum count as up.
        return LedgerMath.counted(category, Duration.ofNanos(Math.round(lengthSeconds * 1e9)), config.sla().minimumOutage());
    }

    /**
     * A tenant's month in one statement, one row per resource: its closed seconds per category
     * (aggregated from the month totals) and its head, for the interval still open. A resource is
     * listed when it has month totals or its open interval started before the end ($3). Ordered as the report is
     * (byte order, as Java's for the names the API allows): the report's own sort then finds a single run, where
     * sorting 50,000 lines from the join's order took a third of the report's time in Java.
     */
    static final String MONTH = """
            SELECT r.resource_id, r.kind, r.name, r.category, r.since, m.categories, m.seconds
            FROM ledger_resources r LEFT JOIN (
                SELECT resource_id, array_agg(category) AS categories, array_agg(seconds) AS seconds
                FROM ledger_monthly WHERE tenant_id = $1 AND month = $2 GROUP BY resource_id
            ) m ON m.resource_id = r.resource_id
            WHERE r.tenant_id = $1
            AND (m.resource_id IS NOT NULL OR (r.category IS NOT NULL AND r.category <> 'deleted' AND r.since < $3))
            ORDER BY r.kind COLLATE "C", r.name COLLATE "C\"""";

    /** A tenant's calendar month (UTC), to now if it is the current one. */
    public Uni<TenantAvailability> month(Tenant tenant, YearMonth month, Instant now) {
        Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = monthEnd.isBefore(now) ? monthEnd : now;
        return pool.preparedQuery(MONTH).execute(Tuple.of(tenant.id(), month.atDay(1), Sql.timestamp(end))).map(rows -> {
            Map<UUID, Line> lines = new LinkedHashMap<>(2 * rows.size());
            for (Row r : rows) {
                Line line = null;
                String[] categories = r.getArrayOfStrings("categories");
                if (categories != null) {
                    line = new Line(r.getString("kind"), r.getString("name"));
                    Double[] seconds = r.getArrayOfDoubles("seconds");
                    for (int i = 0; i < categories.length; i++) {
                        line.totals.add(Category.of(categories[i]), seconds[i]);
                    }
                }
                String headCategory = r.getString("category");
                Category head = headCategory == null ? null : Category.of(headCategory);
                if (head != null && head != Category.DELETED) {
                    Instant since = Sql.instant(r, "since");
                    Instant from = since.isAfter(start) ? since : start;
                    if (end.isAfter(from)) { // nothing open in a month after now
                        line = line != null ? line : new Line(r.getString("kind"), r.getString("name"));
                        line.totals.add(counted(head, LedgerMath.seconds(since, now)), LedgerMath.seconds(from, end));
                    }
                }
                if (line != null) {
                    lines.put(r.getUUID("resource_id"), line);
                }
            }
            return tenantMonth(tenant, month, start, end, lines);
        });
    }

    private static final class Line {
        final String kind;
        final String name;
        final Totals totals = new Totals();

        Line(String kind, String name) {
            this.kind = kind;
            this.name = name;
        }
    }

    private TenantAvailability tenantMonth(Tenant tenant, YearMonth month, Instant from, Instant to, Map<UUID, Line> lines) {
        Totals total = new Totals();
        List<TenantAvailability.Line> out = new ArrayList<>();
        lines.forEach((id, l) -> {
            // An image is stored data that serves nothing: its own line shows its history, but it neither dilutes nor
            // breaches the tenant's availability, which is that of what runs and answers.
            if (!l.kind.equals(Observation.Kind.IMAGE.wire())) {
                total.addAll(l.totals);
            }
            out.add(new TenantAvailability.Line(l.kind, l.name, id, l.totals.availabilityPercent(), l.totals.slaAvailabilityPercent(),
                    l.totals.measuredMinutes(), l.totals.minutes(Category.DOWN), l.totals.minutes(Category.MAINTENANCE),
                    l.totals.minutes(Category.UNKNOWN), breached(l.totals, tenant.slaTarget())));
        });
        out.sort(java.util.Comparator.comparing(TenantAvailability.Line::kind).thenComparing(TenantAvailability.Line::name)
                .thenComparing(TenantAvailability.Line::id));
        boolean breached = breached(total, tenant.slaTarget());
        return new TenantAvailability(tenant.name(), month.toString(), from, to, tenant.slaTarget(), config.sla().breachBasis(),
                total.availabilityPercent(), total.slaAvailabilityPercent(), total.measuredMinutes(), total.minutes(Category.DOWN),
                total.minutes(Category.MAINTENANCE), total.minutes(Category.UNKNOWN), breached,
                breached ? credits.creditPercent(judged(total), tenant.slaTarget()) : 0, out); // no credit without a breach
    }

    private Double judged(Totals t) {
        return BreachBasis.of(config.sla().breachBasis()).judged(t);
    }

    private boolean breached(Totals t, double target) {
        Double judged = judged(t);
        return judged != null && judged < target;
    }

    /** Usage over [from, to): hours per category and what they bill, per resource and in total, and egress. */
    public Uni<UsageReport> usage(Tenant tenant, Instant from, Instant to, Instant now) {
        Instant end = to.isBefore(now) ? to : now;
        return spans(tenant.id(), null, from, to, now).chain(spans -> egress.sent(tenant.id(), from, end).map(sent -> {
            Map<UUID, UsageReport.ResourceUsage> resources = new LinkedHashMap<>();
            Map<Category, Amounts> totalByCategory = new EnumMap<>(Category.class);
            Map<UUID, Map<Category, Amounts>> byResource = new LinkedHashMap<>();
            Map<UUID, Span> first = new LinkedHashMap<>();
            for (Span s : spans) {
                Amounts a = billed(s);
                byResource.computeIfAbsent(s.resourceId(), id -> new EnumMap<>(Category.class)).merge(s.category(), a, Amounts::plus);
                totalByCategory.merge(s.category(), a, Amounts::plus);
                first.putIfAbsent(s.resourceId(), s);
            }
            byResource.forEach((id, categories) -> {
                Span s = first.get(id);
                EgressStore.Sent out = sent.get(id);
                resources.put(id, new UsageReport.ResourceUsage(s.kind().wire(), s.name(), id, sum(categories),
                        out == null ? 0 : Totals.round(out.gib(), 4), wire(categories)));
            });
            // Bytes counted in an hour the period touches, of an instance with no interval in the period itself.
            sent.forEach((id, out) -> resources.computeIfAbsent(id, i -> new UsageReport.ResourceUsage(Kind.INSTANCE.wire(),
                    out.name(), i, Amounts.ZERO, Totals.round(out.gib(), 4), Map.of())));
            long bytes = sent.values().stream().mapToLong(EgressStore.Sent::bytes).sum();
            return new UsageReport(tenant.name(), from, end, sum(totalByCategory), Totals.round(new EgressStore.Sent(null, bytes).gib(), 4),
                    wire(totalByCategory), List.copyOf(resources.values()));
        }));
    }

    /** Compute is billed for up and maintenance time; storage (volumes, images) and addresses for all of their life. */
    private static Amounts billed(Span s) {
        double hours = s.seconds() / 3600;
        boolean computeBilled = s.category() == Category.UP || s.category() == Category.MAINTENANCE;
        return new Amounts(hours, computeBilled ? hours * s.sizes().vcpus() : 0,
                computeBilled ? hours * s.sizes().memoryMib() / 1024.0 : 0, hours * s.sizes().storageGib(),
                s.kind() == Observation.Kind.PUBLIC_IP ? hours : 0);
    }

    private static Amounts sum(Map<Category, Amounts> byCategory) {
        return byCategory.values().stream().reduce(Amounts.ZERO, Amounts::plus).rounded();
    }

    private static Map<String, Amounts> wire(Map<Category, Amounts> byCategory) {
        Map<String, Amounts> out = new LinkedHashMap<>();
        byCategory.forEach((c, a) -> out.put(c.wire(), a.rounded()));
        return out;
    }
}
