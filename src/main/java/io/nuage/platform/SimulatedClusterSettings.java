package io.nuage.platform;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** {@code nuage.cluster.simulator.*}: how the simulated cluster behaves (nuage.cluster.mode=simulated). */
public interface SimulatedClusterSettings {
    @WithDefault("2s")
    Duration provisionDelay();

    @WithDefault("2s")
    Duration startDelay();

    /** From Running until the guest agent connects (the guest has booted). */
    @WithDefault("3s")
    Duration agentDelay();

    @WithDefault("1s")
    Duration stopDelay();

    /** An http or registry DataVolume imports in this time; a blank one is ready at once. */
    @WithDefault("5s")
    Duration importDelay();

    /** Fraction (0 to 1) of API requests answered with a transient 500/503/429. */
    @WithDefault("0")
    double apiErrorRate();

    @WithDefault("0s")
    Duration addedLatency();

    @WithDefault("10.244.0.0/16")
    String podCidr();

    /** 0 picks a free port. */
    @WithDefault("0")
    int port();

    /** What each interface of a running VMI sends, as its simulated Prometheus counter says (64 KiB/s). */
    @WithDefault("65536")
    long egressBytesPerSecond();
}
