package io.nuage.sla;

import static io.nuage.api.TestApi.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.nuage.api.TestApi;
import io.nuage.db.Sql;
import io.nuage.sla.Observation.Kind;
import io.nuage.sla.Observation.Sizes;
import io.nuage.tenancy.Tenant;
import io.nuage.tenancy.TenantStore;
import io.quarkus.test.common.http.TestHTTPResource;
import io.nuage.support.BenchmarkProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The SLA ledger benchmark (issue targets: a tenant's month report over 10,000 resources × 30 days × 20
 * transitions a day in at most 1 s; ingestion of 5,000 transitions/s). Run alone:
 * {@code ./mvnw -B verify -Pbenchmark -Dit.test=SlaBenchmark}; knobs {@code -Dbench.sla.resources=10000
 * -Dbench.sla.days=30 -Dbench.sla.per-day=20 -Dbench.sla.producers=4 -Dbench.sla.report-runs=5
 * -Dbench.sla.explain=false}.
 *
 * <p>One tenant; resources (instances, volumes, networks, with sizes) created at the start of September 2026,
 * a month entirely in the past. Every resource is observed {@code per-day} times a day at random (seeded)
 * times, each time in another category (up, down, stopped, provisioning, all as tenant actions so the ledger
 * keeps them as observed), so every observation is a transition. They go through the real path,
 * {@link Ledger#observe}, from a few producer threads (each resource always from the same thread, in time
 * order), one day at a time, with a {@link Ledger#flush} after each slice of resources whose observations fit the
 * ledger's queue. Then
 * the month report is timed through the service and through the API. Timings are printed, not asserted;
 * the counts and the month's coverage are asserted.
 */
@QuarkusTest
@TestProfile(BenchmarkProfile.class)
class SlaBenchmark {

    private static final YearMonth MONTH = YearMonth.of(2026, 9);
    private static final Instant MONTH_START = MONTH.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final long DAY_MICROS = 86_400_000_000L;
    private static final long SEED = 20260901L;
    private static final Duration DB = Duration.ofMinutes(5);
    private static final Category[] NOT_UP = { Category.DOWN, Category.STOPPED, Category.PROVISIONING };

    @Inject
    Ledger ledger;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Inject
    SlaReports reports;

    @Inject
    TenantStore tenants;

    @Inject
    Pool pool;

    @TestHTTPResource("/")
    URL base;

    /** A generated resource: who it is, and the category it was last observed in. */
    private static final class Resource {
        final UUID id;
        final Kind kind;
        final String name;
        final Sizes sizes;
        Category last = Category.PROVISIONING; // the "Created" transition at the start of the month

        Resource(UUID id, Kind kind, String name, Sizes sizes) {
            this.id = id;
            this.kind = kind;
            this.name = name;
            this.sizes = sizes;
        }
    }

    @Test
    void month() throws Exception {
        int n = Integer.getInteger("bench.sla.resources", 10_000);
        int days = Integer.getInteger("bench.sla.days", 30);
        int perDay = Integer.getInteger("bench.sla.per-day", 20);
        int producers = Integer.getInteger("bench.sla.producers", 4);
        int reportRuns = Integer.getInteger("bench.sla.report-runs", 5);
        boolean explain = Boolean.getBoolean("bench.sla.explain");
        if (days < 1 || days > MONTH.lengthOfMonth()) {
            throw new IllegalArgumentException("bench.sla.days must be 1 to " + MONTH.lengthOfMonth());
        }

        String tenantName = TestApi.unique("slabench");
        admin().body(Map.of("name", tenantName)).post("/v1/tenants").then().statusCode(201);
        Tenant tenant = tenants.find(tenantName).await().atMost(DB);
        assertNotNull(tenant);
        List<Resource> resources = resources(n);

        System.out.printf("%n[bench] SLA ledger: %d resources (%d instances, %d volumes, %d networks), %d days of %s,"
                + " %d transitions a day each, %d producer threads%n", n, count(resources, Kind.INSTANCE),
                count(resources, Kind.VOLUME), count(resources, Kind.NETWORK), days, MONTH, perDay, producers);

        System.out.printf("[bench] database: %s; fsync %s, synchronous_commit %s, shared_buffers %s%n", setting("server_version"),
                setting("fsync"), setting("synchronous_commit"), setting("shared_buffers"));

        // 1. Ingestion, through Ledger.observe, a day at a time, in slices of resources that fit the ledger's queue (it
        // refuses what comes past its bound, as it must while the database is away: passes would offer it again).
        int slice = Math.max(producers, ObservationQueue.CAPACITY / 2 / perDay);
        long before = transitions(tenant);
        ExecutorService executor = Executors.newFixedThreadPool(producers);
        long t0 = System.nanoTime();
        long observed = 0;
        try {
            for (int day = 0; day < days; day++) {
                long d0 = System.nanoTime();
                int d = day;
                long sentToday = 0;
                for (int from = 0; from < n; from += slice) {
                    int sliceFrom = from;
                    int sliceTo = Math.min(n, from + slice);
                    List<Future<Long>> futures = new ArrayList<>();
                    for (int p = 0; p < producers; p++) {
                        int first = sliceFrom + p;
                        futures.add(executor.submit(() -> {
                            long sent = 0;
                            for (int i = first; i < sliceTo; i += producers) {
                                sent += observeDay(tenant.id(), resources.get(i), i, d, perDay);
                            }
                            return sent;
                        }));
                    }
                    for (Future<Long> f : futures) {
                        sentToday += f.get();
                    }
                    ledger.flush(Duration.ofMinutes(30));
                }
                observed += sentToday;
                double seconds = (System.nanoTime() - d0) / 1e9;
                System.out.printf("[bench] ingest day %2d: %,d observations in %.2f s (%,.0f/s); %,d so far in %.1f s%n",
                        day + 1, sentToday, seconds, sentToday / seconds, observed, (System.nanoTime() - t0) / 1e9);
            }
        } finally {
            executor.shutdownNow();
        }
        double ingestSeconds = (System.nanoTime() - t0) / 1e9;
        long written = transitions(tenant) - before;
        long expected = (long) n * days * perDay + n; // + the "Created" transition of each resource
        System.out.printf("[bench] resources                %,d%n", n);
        System.out.printf("[bench] observations queued      %,d%n", observed);
        System.out.printf("[bench] transitions written      %,d (expected %,d); observations refused at the queue's bound %,.0f,"
                + " failed batch writes %,.0f%n", written, expected, registry.counter("nuage.ledger.observations.dropped").count(),
                registry.counter("nuage.ledger.write.failures").count());
        System.out.printf("[bench] ingest time              %.1f s%n", ingestSeconds);
        System.out.printf("[bench] ingest rate              %,.0f transitions/s (target 5,000/s: %s)%n", written / ingestSeconds,
                written / ingestSeconds >= 5_000 ? "met" : "MISSED");
        assertEquals(expected, written, "every observation is a transition");
        System.out.printf("[bench] database size            %,d MiB (ledger_transitions %,d MiB with indexes)%n",
                scalar("SELECT pg_database_size(current_database()) / 1048576"),
                scalar("SELECT pg_total_relation_size('ledger_transitions') / 1048576"));

        // 2. The month report through the service: the first run, then warm ones.
        Instant now = Instant.now();
        assertTrue(now.isAfter(MONTH.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)), "the month is over");
        long[] serviceNanos = new long[reportRuns];
        TenantAvailability report = null;
        for (int r = 0; r < reportRuns; r++) {
            long s = System.nanoTime();
            report = reports.month(tenant, MONTH, now).await().atMost(DB);
            serviceNanos[r] = System.nanoTime() - s;
            System.out.printf("[bench] month report (service) run %d: %.1f ms%n", r + 1, serviceNanos[r] / 1e6);
        }
        assertEquals(n, report.resources().size(), "one line per resource");
        assertCoversTheMonth(tenant, n, days);

        // 3. The same through the API, as a client sees it (request to last byte of the JSON).
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + "/v1/tenants/" + tenantName
                + "/availability?month=" + MONTH)).header("Authorization", "Bearer " + TestApi.ADMIN_TOKEN).GET().build();
        long[] httpNanos = new long[reportRuns];
        String body = null;
        for (int r = 0; r < reportRuns; r++) {
            long s = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            httpNanos[r] = System.nanoTime() - s;
            assertEquals(200, response.statusCode(), response.body());
            body = response.body();
            System.out.printf("[bench] month report (HTTP) run %d: %.1f ms, %,d bytes%n", r + 1, httpNanos[r] / 1e6, body.length());
        }
        JsonNode json = new ObjectMapper().readTree(body);
        assertEquals(n, json.get("resources").size(), "one line per resource in the API's report");

        // 4. One resource's report, from its transitions, agrees with its month line.
        Resource sample = resources.get(0);
        long s = System.nanoTime();
        ResourceAvailability one = reports.resource(tenant.id(), sample.kind.wire(), sample.id, sample.name, MONTH_START,
                MONTH.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC), now).await().atMost(DB);
        double oneMillis = (System.nanoTime() - s) / 1e6;
        TenantAvailability.Line line = report.resources().stream().filter(l -> l.id().equals(sample.id)).findFirst().orElseThrow();
        assertEquals(one.availabilityPercent(), line.availabilityPercent(), "the month totals agree with the transitions");
        assertEquals(one.downtimeMinutes(), line.downtimeMinutes(), 0.05);

        if (explain) {
            explain(tenant, now);
        }

        double serviceMedian = median(serviceNanos) / 1e6;
        double httpMedian = median(httpNanos) / 1e6;
        System.out.printf("%n=== SLA ledger benchmark: %,d resources x %d days x %d transitions/day ===%n", n, days, perDay);
        System.out.printf("[bench] resources                %,d%n", n);
        System.out.printf("[bench] transitions              %,d%n", written);
        System.out.printf("[bench] ingest                   %.1f s, %,.0f transitions/s (target >= 5,000/s: %s)%n", ingestSeconds,
                written / ingestSeconds, written / ingestSeconds >= 5_000 ? "met" : "MISSED");
        System.out.printf("[bench] month report, service    first %.1f ms, median %.1f ms of %d (target <= 1 s: %s)%n",
                serviceNanos[0] / 1e6, serviceMedian, reportRuns, serviceMedian <= 1000 ? "met" : "MISSED");
        System.out.printf("[bench] month report, HTTP       first %.1f ms, median %.1f ms of %d, %,d bytes (target <= 1 s: %s)%n",
                httpNanos[0] / 1e6, httpMedian, reportRuns, body.length(), httpMedian <= 1000 ? "met" : "MISSED");
        System.out.printf("[bench] one resource's month     %.1f ms (from its transitions)%n", oneMillis);
        System.out.printf("[bench] month availability      %s %% (SLA availability %s %%), measured %.0f min, down %.0f min,"
                + " breached %s, credit %.0f %%%n", report.availabilityPercent(), report.slaAvailabilityPercent(),
                report.measuredMinutes(), report.downtimeMinutes(), report.breached(), report.serviceCreditPercent());
    }

    /** n resources: 60 % instances, 30 % volumes, 10 % networks, with seeded ids and sizes. */
    private static List<Resource> resources(int n) {
        Random random = new Random(SEED);
        List<Resource> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            int k = i % 10;
            if (k < 6) {
                int vcpus = 1 << random.nextInt(4);
                out.add(new Resource(id, Kind.INSTANCE, String.format("vm-%05d", i), new Sizes(vcpus, vcpus * 2048, 20)));
            } else if (k < 9) {
                out.add(new Resource(id, Kind.VOLUME, String.format("vol-%05d", i), new Sizes(0, 0, 10 * (1 + random.nextInt(50)))));
            } else {
                out.add(new Resource(id, Kind.NETWORK, String.format("net-%05d", i), Sizes.NONE));
            }
        }
        return out;
    }

    private static long count(List<Resource> resources, Kind kind) {
        return resources.stream().filter(r -> r.kind == kind).count();
    }

    /** Observes one resource's day, in time order: perDay observations, each in another category than the one before. */
    private long observeDay(UUID tenantId, Resource r, int index, int day, int perDay) {
        Random random = new Random(SEED * 1_000_003L + (long) index * 101 + day);
        long[] micros = new long[perDay];
        for (int i = 0; i < perDay; i++) {
            micros[i] = (long) (random.nextDouble() * DAY_MICROS);
        }
        Arrays.sort(micros);
        Instant dayStart = MONTH_START.plus(Duration.ofDays(day));
        for (long m : micros) {
            Category next;
            if (r.last != Category.UP && random.nextInt(10) < 7) {
                next = Category.UP;
            } else {
                do {
                    next = NOT_UP[random.nextInt(NOT_UP.length)];
                } while (!changes(r.last, next));
            }
            r.last = next;
            // Nothing recorded is passed: every observation changes the category, so it would filter none out.
            ledger.observe(new Observation(r.id, tenantId, r.kind, r.name, "fr-par", MONTH_START,
                    dayStart.plusNanos(m * 1_000), next, next == Category.UP ? null : "Benchmark: " + next.wire(), true, r.sizes), null);
        }
        return perDay;
    }

    /**
     * Whether the ledger records {@code next} after {@code last} as a transition: down only counts from up (failing to
     * come up is provisioning), and provisioning after down is still down (a restart does not end an outage).
     */
    private static boolean changes(Category last, Category next) {
        return next != last && (next != Category.DOWN || last == Category.UP)
                && (next != Category.PROVISIONING || last != Category.DOWN);
    }

    private long transitions(Tenant tenant) {
        return pool.preparedQuery("SELECT count(*) AS n FROM ledger_transitions t JOIN ledger_resources r ON r.resource_id = t.resource_id"
                + " WHERE r.tenant_id = $1").execute(Tuple.of(tenant.id())).await().atMost(DB).iterator().next().getLong("n");
    }

    private String setting(String name) {
        return pool.preparedQuery("SELECT current_setting($1)").execute(Tuple.of(name)).await().atMost(DB).iterator().next().getString(0);
    }

    private long scalar(String sql) {
        return pool.query(sql).execute().await().atMost(DB).iterator().next().getLong(0);
    }

    /**
     * The month totals plus the intervals still open cover each resource's whole history inside the month: from
     * the start of the month to the end of the days observed (the last interval is open, and runs to the month's end).
     */
    private void assertCoversTheMonth(Tenant tenant, int n, int days) {
        Instant monthEnd = MONTH.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Row closed = pool.preparedQuery("SELECT coalesce(sum(seconds), 0) AS s FROM ledger_monthly WHERE tenant_id = $1 AND month = $2")
                .execute(Tuple.of(tenant.id(), MONTH.atDay(1))).await().atMost(DB).iterator().next();
        Row open = pool.preparedQuery("SELECT coalesce(sum(extract(epoch FROM ($2 - since))), 0)::float8 AS s FROM ledger_resources"
                + " WHERE tenant_id = $1 AND category IS NOT NULL").execute(Tuple.of(tenant.id(), Sql.timestamp(monthEnd)))
                .await().atMost(DB).iterator().next();
        double covered = closed.getDouble("s") + open.getDouble("s");
        double expected = (double) n * Duration.between(MONTH_START, monthEnd).toSeconds();
        System.out.printf("[bench] month coverage           %.6f of resources x month (closed %.0f s + open %.0f s)%n",
                covered / expected, closed.getDouble("s"), open.getDouble("s"));
        assertEquals(expected, covered, expected * 1e-9, "every second of every resource's month is in exactly one category");
    }

    /** The month report's statement: its time alone from the client, and EXPLAIN ANALYZE (-Dbench.sla.explain=true). */
    private void explain(Tenant tenant, Instant now) {
        Instant monthEnd = MONTH.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Tuple args = Tuple.of(tenant.id(), MONTH.atDay(1), Sql.timestamp(monthEnd.isBefore(now) ? monthEnd : now));
        // Round trip and decoding of every row, nothing else.
        for (int r = 0; r < 5; r++) {
            long s0 = System.nanoTime();
            int rows = pool.preparedQuery(SlaReports.MONTH).execute(args).await().atMost(DB).size();
            System.out.printf("[bench] report statement alone run %d: %,d rows in %.1f ms%n", r + 1, rows, (System.nanoTime() - s0) / 1e6);
        }
        System.out.println("[bench] EXPLAIN (ANALYZE, BUFFERS) of the month report's statement:");
        pool.preparedQuery("EXPLAIN (ANALYZE, BUFFERS) " + SlaReports.MONTH).execute(args).await().atMost(DB)
                .forEach(r -> System.out.println("[bench]   " + r.getString(0)));
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2.0;
    }
}
