package io.nuage.reconciler;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nuage.db.DatabaseOutage;
import io.nuage.db.Sql;
import io.nuage.platform.NuageConfig;
import io.nuage.sla.EgressSample;
import io.nuage.sla.EgressStore;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * Reads KubeVirt's VMI network counters from Prometheus every {@code nuage.usage.egress-interval} and counts what they
 * grew by as each instance's egress. One replica collects each round (the one that claims it in the database). A
 * failed read loses nothing: counters only grow, so the next read counts the gap; it is logged and counted in
 * {@code nuage_egress_collection_failures_total}. Blocking: runs on the scheduler's worker thread, never the event loop.
 */
@Startup
@ApplicationScoped
public class EgressCollector {

    private static final Logger LOG = Logger.getLogger(EgressCollector.class);

    private final EgressStore store;
    private final NuageConfig config;
    private final Cluster cluster;
    private final DatabaseOutage outage;
    private final Clock clock;
    private final Counter failures;
    private final HttpClient http;

    EgressCollector(EgressStore store, NuageConfig config, Cluster cluster, DatabaseOutage outage, Clock clock, MeterRegistry registry) {
        this.store = store;
        this.config = config;
        this.cluster = cluster;
        this.outage = outage;
        this.clock = clock;
        this.failures = Counter.builder("nuage.egress.collection.failures")
                .description("Reads of the VMI network counters from Prometheus that failed; the next read counts what they missed")
                .register(registry);
        this.http = HttpClient.newBuilder().connectTimeout(config.usage().prometheusTimeout()).build();
        config.usage().prometheusUrl().ifPresent(EgressQuery::requireUrl);
    }

    /** Prometheus' base URL: the configured one, else the simulated cluster's own; empty: no egress is collected. */
    Optional<String> prometheus() {
        Optional<String> configured = config.usage().prometheusUrl();
        if (configured.isPresent() || !cluster.isSimulated()) {
            return configured;
        }
        return Optional.of(cluster.simulated().url());
    }

    @Scheduled(every = "${nuage.usage.egress-interval:5m}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void collect() {
        Optional<String> base = prometheus();
        if (base.isEmpty()) {
            return;
        }
        Duration interval = config.usage().egressInterval();
        Instant now = clock.instant();
        try {
            // Due a tenth early, so that the claiming replica's next tick, however late by a few milliseconds, finds it due.
            if (!store.claim(now, interval.minus(interval.dividedBy(10))).await().atMost(Sql.AWAIT)) {
                return;
            }
            List<EgressSample> samples = read(base.get());
            if (samples != null) {
                store.record(samples).await().atMost(Sql.AWAIT);
            }
        } catch (RuntimeException e) {
            if (!outage.unavailable(e)) {
                LOG.warnf("Egress: counting the samples failed; the next collection counts them: %s", e.getMessage());
            }
        }
    }

    /** The samples Prometheus answers, or null (logged and counted) when it did not answer with them. */
    private List<EgressSample> read(String base) {
        HttpRequest request = HttpRequest.newBuilder(EgressQuery.uri(base)).timeout(config.usage().prometheusTimeout())
                .header("Accept", "application/json").GET().build();
        String problem;
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                return EgressQuery.samples(answer.body());
            }
            problem = "status " + answer.statusCode();
        } catch (java.io.IOException | RuntimeException e) {
            problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        failures.increment();
        LOG.warnf("Egress: Prometheus at %s did not answer the query of %s (%s); the next collection counts what this one missed",
                EgressQuery.where(base), EgressQuery.METRIC, problem);
        return null;
    }
}
