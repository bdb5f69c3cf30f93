package io.nuage.sla;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.flywaydb.core.Flyway;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nuage.db.EmbeddedDatabase;
import io.nuage.db.Sql;
import io.nuage.platform.NuageConfig;
import io.nuage.sla.Observation.Kind;
import io.nuage.sla.Observation.Sizes;
import io.nuage.sla.ReferenceLedger.Piece;
import io.nuage.sla.ReferenceLedger.Transition;
import io.nuage.tenancy.Quota;
import io.nuage.tenancy.Tenant;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * The ledger in PostgreSQL ({@link Ledger#write}, {@link SlaReports}) against the plain in-memory
 * {@link ReferenceLedger}, on random histories: a few resources, observations of every category
 * at times drawn from a small pool (so duplicates, exact minimum-outage lengths and month
 * boundaries are common), out of order, split into several batches, with maintenance windows of
 * every scope and random report periods.
 *
 * <p>Runs without Quarkus (jqwik has no CDI): it starts (or joins) the embedded PostgreSQL the
 * Quarkus tests use, migrates it, and builds the ledger's beans by hand. Every try uses its own
 * tenant and deletes what it wrote.
 */
class LedgerPropertyTest {

    private static final Instant BASE = Instant.parse("2024-01-10T00:00:00Z");
    private static final List<Instant> MONTH_STARTS = List.of(Instant.parse("2024-02-01T00:00:00Z"),
            Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-04-01T00:00:00Z"));
    private static final List<String> REGIONS = List.of("fr-par", "nl-ams");
    private static final List<Sizes> SIZES = List.of(new Sizes(2, 4096, 20), new Sizes(4, 8192, 20));
    private static final double EPSILON = 1e-9;

    private static Vertx vertx;
    private static Pool pool;
    private static final Map<String, NuageConfig> CONFIGS = new ConcurrentHashMap<>();

    // ---------------------------------------------------------------------------------------
    // Database

    @BeforeContainer
    static void startDatabase() {
        // A server of its own: the Quarkus tests' application runs in another class loader, so it
        // does not see this one, and wiping a directory a running server uses would break them.
        EmbeddedDatabase db = EmbeddedDatabase.start(Path.of("target/ledger-property-data"), true);
        String hostPort = "127.0.0.1:" + db.port() + "/postgres";
        Flyway.configure().dataSource("jdbc:postgresql://" + hostPort, "postgres", db.password())
                .locations("classpath:db/migration").load().migrate();
        vertx = Vertx.vertx();
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
                .connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(db.port()).setDatabase("postgres")
                        .setUser("postgres").setPassword(db.password()).setCachePreparedStatements(true))
                .using(vertx).build();
    }

    @AfterContainer
    static void stopDatabase() {
        if (pool != null) {
            pool.closeAndAwait();
        }
        if (vertx != null) {
            vertx.closeAndAwait();
        }
    }

    private static NuageConfig config(Duration minimumOutage, String breachBasis) {
        return CONFIGS.computeIfAbsent(minimumOutage + "/" + breachBasis, k -> {
            Map<String, String> p = new HashMap<>();
            p.put("nuage.data-dir", "target/nuage-test-data");
            REGIONS.forEach(r -> p.put("nuage.regions.\"" + r + "\".country", r.substring(0, 2).toUpperCase()));
            p.put("nuage.default-region", REGIONS.get(0));
            p.put("nuage.tenant-defaults.vcpus", "16");
            p.put("nuage.tenant-defaults.memory-mib", "65536");
            p.put("nuage.tenant-defaults.storage-gib", "1000");
            p.put("nuage.tenant-defaults.instances", "20");
            p.put("nuage.tenant-defaults.sla-target", "99.9");
            p.put("nuage.sla.minimum-outage", minimumOutage.toString());
            p.put("nuage.sla.breach-basis", breachBasis);
            return new SmallRyeConfigBuilder().withMapping(NuageConfig.class)
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withSources(new PropertiesConfigSource(p, "ledger-property-test", 100))
                    .build().getConfigMapping(NuageConfig.class);
        });
    }

    // ---------------------------------------------------------------------------------------
    // What a try is made of

    enum Scope {
        GLOBAL, TENANT, REGION_0, REGION_1, TENANT_AND_REGION_0, OTHER_REGION
    }

    record ResourceSpec(Kind kind, int region, Integer createdAt, long createdOffsetNanos) {
    }

    record ObservationSpec(int resource, int time, long offsetNanos, Category category, boolean tenantAction, int sizes, int batch) {
    }

    record WindowSpec(int start, long startOffsetMicros, int end, long endOffsetMicros, long fallbackNanos, Scope scope, boolean cancelled) {
    }

    record PeriodSpec(int from, long fromOffsetMicros, int to, long toOffsetMicros) {
    }

    record Settings(String breachBasis, double slaTarget, int batches, long nowGapNanos) {
    }

    record Scenario(Duration minimumOutage, Instant base, List<Long> gaps, List<ResourceSpec> resources,
            List<ObservationSpec> observations, List<WindowSpec> windows, List<PeriodSpec> periods, Settings settings) {

        /** The times observations, windows and periods pick from: the base plus each gap, and month starts. */
        List<Instant> pool() {
            TreeSet<Instant> times = new TreeSet<>(MONTH_STARTS);
            Instant t = base;
            times.add(t);
            for (long gap : gaps) {
                t = t.plusNanos(gap);
                times.add(t);
            }
            return List.copyOf(times);
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Duration> minimumOutage = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.just(Duration.ofMinutes(1))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Duration.ofSeconds(90))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Duration.ofMinutes(5))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Duration.ZERO)),
                // Not a whole number of seconds: lengthSeconds * 1e9 is not exact (1.001 s gives 1.0009999999999999E9).
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Duration.ofMillis(1001))));
        return minimumOutage.flatMap(this::scenario);
    }

    private Arbitrary<Scenario> scenario(Duration minimumOutage) {
        Arbitrary<Long> gap = gap(minimumOutage);
        Arbitrary<Instant> base = Arbitraries.longs().between(0, 30L * 86_400).map(BASE::plusSeconds);
        Arbitrary<ResourceSpec> resource = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(0, 20).injectNull(0.25), Arbitraries.of(0L, 0L, 0L, 500L))
                .as(ResourceSpec::new);
        Arbitrary<Category> category = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(Category.UP)),
                net.jqwik.api.Tuple.of(4, Arbitraries.just(Category.DOWN)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Category.STOPPED)),
                net.jqwik.api.Tuple.of(4, Arbitraries.just(Category.PROVISIONING)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Category.DELETED)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Category.UNKNOWN)));
        Arbitrary<Long> offset = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just(0L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(1_000L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(-1_000L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(500L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(1_000_000L)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(minimumOutage.toNanos()))); // ends an outage of exactly the minimum
        Arbitrary<ObservationSpec> observation = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 20), offset, category, Arbitraries.of(true, false),
                Arbitraries.of(0, 0, 0, 1), Arbitraries.integers().between(0, 3)).as(ObservationSpec::new);
        Arbitrary<Long> edgeOffset = Arbitraries.of(0L, 0L, 0L, 0L, 0L, 1L, -1L, 30_000_000L);
        Arbitrary<WindowSpec> window = Combinators.combine(Arbitraries.integers().between(0, 20), edgeOffset,
                Arbitraries.integers().between(0, 20), edgeOffset, gap, Arbitraries.of(Scope.class),
                Arbitraries.of(false, false, false, false, false, false, false, true)).as(WindowSpec::new);
        Arbitrary<Long> periodOffset = Arbitraries.of(0L, 0L, 0L, 1L, -1L, 29_999_999L);
        Arbitrary<PeriodSpec> period = Combinators.combine(Arbitraries.integers().between(0, 24), periodOffset,
                Arbitraries.integers().between(0, 24), periodOffset).as(PeriodSpec::new);
        Arbitrary<Settings> settings = Combinators.combine(Arbitraries.of("availability", "sla_availability"),
                Arbitraries.of(99.9, 99.0, 95.0, 99.95), Arbitraries.integers().between(1, 4),
                Arbitraries.of(1L, 45L, 7_200L, 3 * 86_400L, 40 * 86_400L).map(s -> s * 1_000_000_000L)).as(Settings::new);
        return Combinators.combine(base, gap.list().ofMinSize(2).ofMaxSize(12), resource.list().ofMinSize(1).ofMaxSize(3),
                observation.list().ofMinSize(1).ofMaxSize(16), window.list().ofMaxSize(3), period.list().ofMinSize(1).ofMaxSize(3),
                settings).as((b, gaps, resources, observations, windows, periods, s) -> new Scenario(minimumOutage, b, gaps,
                        resources, observations, windows, periods, s));
    }

    /** Time between pool entries, in nanoseconds, whole microseconds: often exactly around the minimum outage. */
    private static Arbitrary<Long> gap(Duration minimumOutage) {
        long m = minimumOutage.toNanos();
        long micro = 1_000;
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.longs().between(1, 120).map(s -> s * 1_000_000_000L)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Math.max(m, micro))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Math.max(m - micro, micro))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(m + micro)),
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(120, 20_000).map(s -> s * 1_000_000_000L)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(86_400, 10 * 86_400).map(s -> s * 1_000_000_000L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1, 999_999).map(us -> us * micro)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1, 100_000).map(ms -> ms * 1_000_000L)));
    }

    // ---------------------------------------------------------------------------------------
    // The property

    @Property(tries = 200)
    void databaseLedgerMatchesTheReference(@ForAll("scenarios") Scenario s) {
        List<Instant> times = s.pool();
        UUID tenantId = UUID.randomUUID();
        String tenantName = "ledger-property-" + tenantId;
        List<UUID> windowIds = new ArrayList<>();
        try {
            // The resources and their observations, by batch.
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < s.resources().size(); i++) {
                ids.add(UUID.randomUUID());
            }
            List<List<Observation>> batches = new ArrayList<>();
            for (int b = 0; b < s.settings().batches(); b++) {
                batches.add(new ArrayList<>());
            }
            Instant latest = Instant.MIN;
            for (ObservationSpec o : s.observations()) {
                int r = o.resource() % s.resources().size();
                ResourceSpec rs = s.resources().get(r);
                Instant at = times.get(o.time() % times.size()).plusNanos(o.offsetNanos());
                Instant createdAt = rs.createdAt() == null ? null
                        : times.get(rs.createdAt() % times.size()).plusNanos(rs.createdOffsetNanos());
                batches.get(o.batch() % s.settings().batches()).add(new Observation(ids.get(r), tenantId, rs.kind(), "res-" + r,
                        REGIONS.get(rs.region()), createdAt, at, o.category(), "observed " + o.category().wire(), o.tenantAction(),
                        SIZES.get(o.sizes())));
                latest = at.isAfter(latest) ? at : latest;
            }
            Instant now = latest.plusNanos(s.settings().nowGapNanos());

            insertTenant(tenantId, tenantName, s.settings().slaTarget(), now);
            List<ReferenceLedger.Window> windows = new ArrayList<>();
            for (WindowSpec w : s.windows()) {
                Instant start = times.get(w.start() % times.size()).plusNanos(w.startOffsetMicros() * 1_000);
                Instant end = times.get(w.end() % times.size()).plusNanos(w.endOffsetMicros() * 1_000);
                if (!end.isAfter(start)) {
                    end = start.plusNanos(w.fallbackNanos());
                }
                String region = switch (w.scope()) {
                    case REGION_0, TENANT_AND_REGION_0 -> REGIONS.get(0);
                    case REGION_1 -> REGIONS.get(1);
                    case OTHER_REGION -> "xx-nowhere";
                    default -> null;
                };
                UUID windowTenant = w.scope() == Scope.TENANT || w.scope() == Scope.TENANT_AND_REGION_0 ? tenantId : null;
                windowIds.add(insertWindow(region, windowTenant, start, end, w.cancelled()));
                windows.add(new ReferenceLedger.Window(start, end, region, windowTenant, w.cancelled()));
            }

            NuageConfig config = config(s.minimumOutage(), s.settings().breachBasis());
            Ledger ledger = new Ledger(pool, Clock.fixed(now, ZoneOffset.UTC), config, new SimpleMeterRegistry());
            SlaReports reports = new SlaReports(pool, config, new CreditTable(config), new EgressStore(pool));
            ReferenceLedger reference = new ReferenceLedger(s.minimumOutage(), windows);
            Context context = new Context(s, batches, windows, now);

            Map<UUID, List<Transition>> before = new HashMap<>();
            for (List<Observation> batch : batches) {
                if (batch.isEmpty()) {
                    continue;
                }
                ledger.write(batch);
                reference.write(batch);
                Map<UUID, List<Transition>> after = dbTransitions(ids);
                checkStructure(context, ids, before, after);
                before = after;
            }

            // The histories, transition by transition, and the month rollups of closed intervals.
            for (UUID id : ids) {
                context.check(reference.transitions(id), before.getOrDefault(id, List.of()), "transitions of " + id);
            }
            checkMonthly(context, tenantId, reference);

            // Per-resource reports over the whole history and random periods.
            List<Instant> bounds = new ArrayList<>(times);
            bounds.addAll(List.of(now, now.plus(Duration.ofDays(1)), now.minus(Duration.ofHours(1)), times.get(0).minus(Duration.ofDays(1))));
            List<Instant[]> periods = new ArrayList<>();
            periods.add(new Instant[] { times.get(0).minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)) }); // the whole history
            for (PeriodSpec p : s.periods()) {
                periods.add(new Instant[] { bounds.get(p.from() % bounds.size()).plusNanos(p.fromOffsetMicros() * 1_000),
                        bounds.get(p.to() % bounds.size()).plusNanos(p.toOffsetMicros() * 1_000) });
            }
            for (Instant[] period : periods) {
                Instant from = period[0];
                Instant to = period[1];
                for (int r = 0; r < ids.size(); r++) {
                    UUID id = ids.get(r);
                    String what = "resource " + id + " over [" + from + ", " + to + ")";
                    List<Span> spans = reports.spans(tenantId, id, from, to, now).await().atMost(Duration.ofSeconds(30));
                    checkSpans(context, what, reference.pieces(id, from, to, now), spans);
                    ResourceAvailability ra = reports.resource(tenantId, s.resources().get(r).kind().wire(), id, "res-" + r, from, to, now)
                            .await().atMost(Duration.ofSeconds(30));
                    checkResource(context, what, reference, id, from, to, now, ra);
                }
            }

            // Month reports of every month the histories touch, and one either side.
            Tenant tenant = new Tenant(tenantId, tenantName, null, Map.of(), new Quota(16, 65536L, 1000, 20, 20, 100, 100, 50, 5), REGIONS,
                    s.settings().slaTarget(), now, now);
            YearMonth first = YearMonth.from(times.get(0).atOffset(ZoneOffset.UTC)).minusMonths(1);
            YearMonth last = YearMonth.from(now.atOffset(ZoneOffset.UTC)).plusMonths(1);
            for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                TenantAvailability ta = reports.month(tenant, m, now).await().atMost(Duration.ofSeconds(30));
                checkMonth(context, reference, s, ids, m, now, ta);
            }

            for (String event : List.of("stale", "no change", "placed 1 us after", "after deleted", "provisioning is down",
                    "down is maintenance", "window edge")) {
                Statistics.label(event).collect(reference.events.containsKey(event));
            }
            Statistics.label("minimum outage").collect(s.minimumOutage());
            Statistics.label("outage counted as up").collect(countedUp(reference, ids, now));
            Statistics.label("outage of exactly the minimum").collect(exactlyMinimum(reference, ids, now, s.minimumOutage()));
        } finally {
            cleanUp(tenantId, windowIds);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Checks

    /** What a failure message shows: the whole try, so that a shrunk case can be read and replayed by hand. */
    private record Context(Scenario scenario, List<List<Observation>> batches, List<ReferenceLedger.Window> windows, Instant now) {

        void check(Object expected, Object actual, String what) {
            if (!java.util.Objects.equals(expected, actual)) {
                fail(what + ":\n expected " + expected + "\n   actual " + actual);
            }
        }

        void fail(String message) {
            org.junit.jupiter.api.Assertions.fail(message + "\n" + this);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("minimum outage " + scenario.minimumOutage() + ", now " + now + "\nwindows:");
            windows.forEach(w -> b.append("\n  ").append(w));
            for (int i = 0; i < batches.size(); i++) {
                b.append("\nbatch ").append(i).append(':');
                for (Observation o : batches.get(i)) {
                    b.append("\n  ").append(o.resourceId()).append(' ').append(o.region()).append(" created ").append(o.createdAt())
                            .append(" at ").append(o.at()).append(' ').append(o.category()).append(o.tenantAction() ? " (tenant)" : "")
                            .append(' ').append(o.sizes());
                }
            }
            return b.toString();
        }
    }

    /** Invariants of the stored histories that hold whatever the rules: append-only, strictly increasing, deleted last, head = last. */
    private void checkStructure(Context c, List<UUID> ids, Map<UUID, List<Transition>> before, Map<UUID, List<Transition>> after) {
        Map<UUID, Row> heads = new HashMap<>();
        for (Row r : pool.preparedQuery("SELECT * FROM ledger_resources WHERE resource_id = ANY($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new))).await().atMost(Duration.ofSeconds(30))) {
            heads.put(r.getUUID("resource_id"), r);
        }
        for (UUID id : ids) {
            List<Transition> old = before.getOrDefault(id, List.of());
            List<Transition> now = after.getOrDefault(id, List.of());
            if (now.size() < old.size() || !now.subList(0, old.size()).equals(old)) {
                c.fail("history of " + id + " is not append-only:\n before " + old + "\n after  " + now);
            }
            for (int i = 1; i < now.size(); i++) {
                Transition p = now.get(i - 1);
                Transition t = now.get(i);
                if (!t.at().isAfter(p.at())) {
                    c.fail("transitions of " + id + " not strictly increasing: " + now);
                }
                if (p.category() == Category.DELETED) {
                    c.fail("a transition follows deleted for " + id + ": " + now);
                }
                if (p.category() == t.category() && p.sizes().equals(t.sizes())) {
                    c.fail("a transition of " + id + " changes nothing: " + now);
                }
            }
            Row head = heads.get(id);
            if (now.isEmpty()) {
                if (head != null && head.getString("category") != null) {
                    c.fail("head without transitions for " + id);
                }
                continue;
            }
            Transition last = now.get(now.size() - 1);
            assertNotNull(head, "no ledger_resources row for " + id);
            c.check(last, new Transition(Sql.instant(head, "since"), Category.of(head.getString("category")),
                    new Sizes(head.getInteger("vcpus"), head.getInteger("memory_mib"), head.getInteger("storage_gib"))), "head of " + id);
        }
    }

    private Map<UUID, List<Transition>> dbTransitions(List<UUID> ids) {
        Map<UUID, List<Transition>> out = new HashMap<>();
        for (Row r : pool.preparedQuery("SELECT * FROM ledger_transitions WHERE resource_id = ANY($1) ORDER BY resource_id, at")
                .execute(Tuple.of(ids.toArray(UUID[]::new))).await().atMost(Duration.ofSeconds(30))) {
            out.computeIfAbsent(r.getUUID("resource_id"), id -> new ArrayList<>()).add(new Transition(Sql.instant(r, "at"),
                    Category.of(r.getString("category")),
                    new Sizes(r.getInteger("vcpus"), r.getInteger("memory_mib"), r.getInteger("storage_gib"))));
        }
        return out;
    }

    private void checkMonthly(Context c, UUID tenantId, ReferenceLedger reference) {
        Map<List<Object>, Double> actual = new LinkedHashMap<>();
        for (Row r : pool.preparedQuery("SELECT * FROM ledger_monthly WHERE tenant_id = $1").execute(Tuple.of(tenantId))
                .await().atMost(Duration.ofSeconds(30))) {
            actual.put(List.of(YearMonth.from(r.getLocalDate("month")), r.getUUID("resource_id"), Category.of(r.getString("category"))),
                    r.getDouble("seconds"));
        }
        Map<List<Object>, Long> expected = reference.closedMonthly();
        if (!actual.keySet().equals(expected.keySet())) {
            c.fail("ledger_monthly rows:\n expected " + expected + "\n   actual " + actual);
        }
        expected.forEach((k, nanos) -> {
            if (Math.abs(actual.get(k) - nanos / 1e9) > 1e-6) {
                c.fail("ledger_monthly " + k + ": expected " + nanos / 1e9 + " s, actual " + actual.get(k) + "\n all expected " + expected
                        + "\n all actual " + actual);
            }
        });
    }

    private void checkSpans(Context c, String what, List<Piece> expected, List<Span> actual) {
        String both = "\n expected " + expected + "\n   actual " + actual;
        if (expected.size() != actual.size()) {
            c.fail("spans of " + what + ": count" + both);
        }
        for (int i = 0; i < expected.size(); i++) {
            Piece e = expected.get(i);
            Span a = actual.get(i);
            boolean same = e.resourceId().equals(a.resourceId()) && e.start().equals(a.startsAt())
                    && java.util.Objects.equals(e.end(), a.endsAt()) && e.category() == a.category() && e.sizes().equals(a.sizes())
                    && Math.abs(e.nanos() / 1e9 - a.seconds()) <= EPSILON && Math.abs(e.lengthNanos() / 1e9 - a.lengthSeconds()) <= EPSILON;
            if (!same) {
                c.fail("span " + i + " of " + what + both);
            }
        }
    }

    private void checkResource(Context c, String what, ReferenceLedger reference, UUID id, Instant from, Instant to, Instant now,
            ResourceAvailability a) {
        Map<Category, Long> t = reference.resourceTotals(id, from, to, now);
        String figures = what + "\n reference nanos " + t + "\n actual " + a;
        checkPercent(c, "availability of " + figures, a.availabilityPercent(), nanos(t, Category.UP),
                nanos(t, Category.UP) + nanos(t, Category.DOWN) + nanos(t, Category.MAINTENANCE));
        checkPercent(c, "sla availability of " + figures, a.slaAvailabilityPercent(), nanos(t, Category.UP),
                nanos(t, Category.UP) + nanos(t, Category.DOWN));
        checkMinutes(c, "measured minutes of " + figures, a.measuredMinutes(),
                nanos(t, Category.UP) + nanos(t, Category.DOWN) + nanos(t, Category.MAINTENANCE));
        checkMinutes(c, "up minutes of " + figures, a.uptimeMinutes(), nanos(t, Category.UP));
        checkMinutes(c, "down minutes of " + figures, a.downtimeMinutes(), nanos(t, Category.DOWN));
        checkMinutes(c, "maintenance minutes of " + figures, a.maintenanceMinutes(), nanos(t, Category.MAINTENANCE));
        checkMinutes(c, "unknown minutes of " + figures, a.unknownMinutes(), nanos(t, Category.UNKNOWN));
        checkMinutes(c, "stopped minutes of " + figures, a.stoppedMinutes(), nanos(t, Category.STOPPED));
        checkMinutes(c, "provisioning minutes of " + figures, a.provisioningMinutes(), nanos(t, Category.PROVISIONING));

        List<List<Object>> incidents = new ArrayList<>();
        for (Piece p : reference.pieces(id, from, to, now)) {
            Category counted = reference.counted(new ReferenceLedger.Interval(id, p.start(), p.end(), p.category(), p.sizes()), now);
            if (counted.outage() || counted == Category.UNKNOWN) {
                incidents.add(java.util.Arrays.asList(p.start(), p.end(), counted.wire()));
            }
        }
        List<List<Object>> actualIncidents = a.incidents().stream()
                .map(i -> java.util.Arrays.<Object> asList(i.startsAt(), i.endsAt(), i.category())).toList();
        c.check(incidents, actualIncidents, "incidents of " + what);
    }

    private void checkMonth(Context c, ReferenceLedger reference, Scenario s, List<UUID> ids, YearMonth m, Instant now,
            TenantAvailability a) {
        String what = "month " + m;
        Instant start = ReferenceLedger.monthStart(m);
        Instant end = ReferenceLedger.monthStart(m.plusMonths(1)).isBefore(now) ? ReferenceLedger.monthStart(m.plusMonths(1)) : now;
        c.check(m.toString(), a.month(), what + ": month");
        c.check(start, a.from(), what + ": from");
        c.check(end, a.to(), what + ": to");
        c.check(s.settings().breachBasis(), a.breachBasis(), what + ": breach basis");

        // The lines: every resource with an interval in the month, ordered by kind, name, id.
        record Expected(String kind, String name, UUID id, Map<Category, Long> totals) {
        }
        List<Expected> lines = new ArrayList<>();
        for (int r = 0; r < ids.size(); r++) {
            Map<Category, Long> totals = reference.monthTotals(ids.get(r), m, now);
            if (totals != null) {
                lines.add(new Expected(s.resources().get(r).kind().wire(), "res-" + r, ids.get(r), totals));
            }
        }
        lines.sort(Comparator.comparing(Expected::kind).thenComparing(Expected::name).thenComparing(Expected::id));
        String figures = what + "\n reference " + lines + "\n actual " + a;
        c.check(lines.stream().map(Expected::id).toList(), a.resources().stream().map(TenantAvailability.Line::id).toList(),
                "lines of " + figures);
        Map<Category, Long> total = new EnumMap<>(Category.class);
        for (int i = 0; i < lines.size(); i++) {
            Expected e = lines.get(i);
            TenantAvailability.Line l = a.resources().get(i);
            if (!e.kind().equals("image")) { // an image has its line, and no part in the tenant's availability
                e.totals().forEach((k, v) -> total.merge(k, v, Long::sum));
            }
            c.check(e.kind(), l.kind(), "kind of " + figures);
            c.check(e.name(), l.name(), "name of " + figures);
            Double judged = checkFigures(c, "line " + i + " of " + figures, e.totals(), s.settings().breachBasis(), l.availabilityPercent(),
                    l.slaAvailabilityPercent(), l.measuredMinutes(), l.downtimeMinutes(), l.maintenanceMinutes(), l.unknownMinutes());
            c.check(judged != null && judged < s.settings().slaTarget(), l.breached(), "breached, line " + i + " of " + figures);
        }
        Double judged = checkFigures(c, "total of " + figures, total, s.settings().breachBasis(), a.availabilityPercent(),
                a.slaAvailabilityPercent(), a.measuredMinutes(), a.downtimeMinutes(), a.maintenanceMinutes(), a.unknownMinutes());
        c.check(judged != null && judged < s.settings().slaTarget(), a.breached(), "breached, total of " + figures);
        boolean breached = judged != null && judged < s.settings().slaTarget();
        c.check(breached ? credit(judged, s.settings().slaTarget()) : 0.0, a.serviceCreditPercent(), "credit (only with a breach) of " + figures);
    }

    /** Checks a month's figures; returns the (checked) one the target is judged on. */
    private Double checkFigures(Context c, String what, Map<Category, Long> t, String basis, Double availability, Double slaAvailability,
            double measured, double down, double maintenance, double unknown) {
        long up = nanos(t, Category.UP);
        long measuredNanos = up + nanos(t, Category.DOWN) + nanos(t, Category.MAINTENANCE);
        checkPercent(c, "availability of " + what, availability, up, measuredNanos);
        checkPercent(c, "sla availability of " + what, slaAvailability, up, up + nanos(t, Category.DOWN));
        checkMinutes(c, "measured minutes of " + what, measured, measuredNanos);
        checkMinutes(c, "down minutes of " + what, down, nanos(t, Category.DOWN));
        checkMinutes(c, "maintenance minutes of " + what, maintenance, nanos(t, Category.MAINTENANCE));
        checkMinutes(c, "unknown minutes of " + what, unknown, nanos(t, Category.UNKNOWN));
        return "sla_availability".equals(basis) ? slaAvailability : availability;
    }

    /** The default credit tiers (target:10, 99.0:30, 95.0:100): the highest reached. */
    private static double credit(double availability, double target) {
        double credit = 0;
        if (availability < target) {
            credit = 10;
        }
        if (availability < 99.0) {
            credit = 30;
        }
        if (availability < 95.0) {
            credit = 100;
        }
        return credit;
    }

    private static long nanos(Map<Category, Long> totals, Category c) {
        return totals.getOrDefault(c, 0L);
    }

    private static void checkMinutes(Context c, String what, double actual, long nanos) {
        BigDecimal exact = new BigDecimal(nanos).divide(new BigDecimal(60_000_000_000L), MathContext.DECIMAL128);
        if (!roundsTo(exact, 2, actual)) {
            c.fail(what + ": expected " + exact.setScale(2, RoundingMode.HALF_UP) + " (" + exact + "), actual " + actual);
        }
    }

    private static void checkPercent(Context c, String what, Double actual, long part, long whole) {
        if (whole == 0) {
            if (actual != null) {
                c.fail(what + ": expected null, actual " + actual);
            }
            return;
        }
        BigDecimal exact = new BigDecimal(part).multiply(BigDecimal.valueOf(100)).divide(new BigDecimal(whole), MathContext.DECIMAL128);
        if (actual == null || !roundsTo(exact, 4, actual)) {
            c.fail(what + ": expected " + exact.setScale(4, RoundingMode.HALF_UP) + " (" + exact + "), actual " + actual);
        }
    }

    /** Whether {@code actual} is {@code exact} rounded half up; either neighbour when exact is within epsilon of a tie. */
    private static boolean roundsTo(BigDecimal exact, int decimals, double actual) {
        BigDecimal eps = new BigDecimal(EPSILON);
        double low = exact.subtract(eps).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
        double high = exact.add(eps).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
        return actual == low || actual == high;
    }

    private static boolean countedUp(ReferenceLedger reference, List<UUID> ids, Instant now) {
        for (UUID id : ids) {
            for (ReferenceLedger.Interval i : reference.intervals(id)) {
                if (i.category().outage() && reference.counted(i, now) == Category.UP) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean exactlyMinimum(ReferenceLedger reference, List<UUID> ids, Instant now, Duration minimumOutage) {
        for (UUID id : ids) {
            for (ReferenceLedger.Interval i : reference.intervals(id)) {
                if (i.category().outage() && Duration.between(i.start(), i.end() != null ? i.end() : now).equals(minimumOutage)) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------
    // Rows

    private static void insertTenant(UUID id, String name, double slaTarget, Instant now) {
        pool.preparedQuery("INSERT INTO tenants (id, name, quota_vcpus, quota_memory_mib, quota_storage_gib, quota_instances, regions,"
                + " sla_target, created_at, updated_at) VALUES ($1, $2, 16, 65536, 1000, 20, $3, $4::float8, $5, $5)")
                .execute(Tuple.of(id, name, REGIONS.toArray(String[]::new), slaTarget, Sql.timestamp(now)))
                .await().atMost(Duration.ofSeconds(30));
    }

    private static UUID insertWindow(String region, UUID tenantId, Instant start, Instant end, boolean cancelled) {
        UUID id = UUID.randomUUID();
        Instant created = start.minus(Duration.ofDays(2));
        pool.preparedQuery("INSERT INTO maintenance_windows (id, region, tenant_id, starts_at, ends_at, reason, created_at, cancelled_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.from(new Object[] { id, region, tenantId, Sql.timestamp(start), Sql.timestamp(end), "property test window",
                        Sql.timestamp(created), cancelled ? Sql.timestamp(created.plusSeconds(60)) : null }))
                .await().atMost(Duration.ofSeconds(30));
        return id;
    }

    private static void cleanUp(UUID tenantId, List<UUID> windowIds) {
        Tuple tenant = Tuple.of(tenantId);
        pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM ledger_monthly WHERE tenant_id = $1").execute(tenant)
                .chain(() -> tx.preparedQuery("DELETE FROM ledger_transitions WHERE resource_id IN"
                        + " (SELECT resource_id FROM ledger_resources WHERE tenant_id = $1)").execute(tenant))
                .chain(() -> tx.preparedQuery("DELETE FROM ledger_resources WHERE tenant_id = $1").execute(tenant))
                .chain(() -> tx.preparedQuery("DELETE FROM maintenance_windows WHERE id = ANY($1) OR tenant_id = $2")
                        .execute(Tuple.of(windowIds.toArray(UUID[]::new), tenantId)))
                .chain(() -> tx.preparedQuery("DELETE FROM tenants WHERE id = $1").execute(tenant)))
                .await().atMost(Duration.ofSeconds(30));
    }
}
