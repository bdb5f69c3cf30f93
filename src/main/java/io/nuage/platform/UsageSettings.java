package io.nuage.platform;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** {@code nuage.usage.*}: where egress comes from. */
public interface UsageSettings {

    /**
     * Prometheus' base URL ({@code http://prometheus.monitoring:9090}), where KubeVirt's VMI network counters are read
     * for egress. Unset: no egress is collected on a real cluster; in simulated mode, the simulated cluster's own.
     */
    Optional<String> prometheusUrl();

    /** How often the counters are read; a failed read loses nothing, the next one counts the gap. */
    @WithDefault("5m")
    Duration egressInterval();

    /** How long one query to Prometheus may take. */
    @WithDefault("10s")
    Duration prometheusTimeout();
}
