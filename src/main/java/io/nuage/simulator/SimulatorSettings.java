package io.nuage.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the simulated cluster behaves.
 *
 * @param provisionDelay time a new VirtualMachineInstance spends Pending (VM "Provisioning") before it is scheduled
 * @param startDelay time a scheduled instance takes to boot to Running; also the back-off before a crashed one restarts
 * @param agentDelay time from Running until the guest's QEMU agent connects (condition AgentConnected): the guest's boot
 * @param stopDelay time a halted VM spends "Stopping" before its instance is removed
 * @param importDelay time a DataVolume with an http or registry source takes to import (progress moves in steps);
 *                    a blank one is ready at once
 * @param apiErrorRate fraction (0.0 to 1.0) of API requests, watches excepted, answered with a transient 500, 503 or 429
 * @param addedLatency delay added to every API response, watches excepted
 * @param podCidr IPv4 range instance IPs are allocated from
 * @param port TCP port of the API server on 127.0.0.1; 0 picks a free one
 * @param nodeRegions the regions the cluster has nodes in: three each, {@code <region>-node-1..3}, labelled
 *                    topology.kubernetes.io/region; a VM whose node affinity names none of them stays unscheduled
 * @param egressBytesPerSecond what each interface of a running VMI sends, in its simulated Prometheus counter
 */
public record SimulatorSettings(
        Duration provisionDelay,
        Duration startDelay,
        Duration agentDelay,
        Duration stopDelay,
        Duration importDelay,
        double apiErrorRate,
        Duration addedLatency,
        String podCidr,
        int port,
        List<String> nodeRegions,
        long egressBytesPerSecond) {

    /** The regions whose nodes a simulated cluster has when none are named: the default installation's. */
    public static final List<String> DEFAULT_NODE_REGIONS = List.of("fr-par", "nl-ams", "de-fra");

    /** 64 KiB/s: about 0.22 GiB an hour, enough to see in a month's usage. */
    public static final long DEFAULT_EGRESS_BYTES_PER_SECOND = 65_536;

    /** A cluster with nodes in the default regions and the default egress. */
    public SimulatorSettings(Duration provisionDelay, Duration startDelay, Duration agentDelay, Duration stopDelay,
            Duration importDelay, double apiErrorRate, Duration addedLatency, String podCidr, int port) {
        this(provisionDelay, startDelay, agentDelay, stopDelay, importDelay, apiErrorRate, addedLatency, podCidr, port,
                DEFAULT_NODE_REGIONS, DEFAULT_EGRESS_BYTES_PER_SECOND);
    }

    public static final String DEFAULT_POD_CIDR = "10.244.0.0/16";

    public SimulatorSettings {
        requireNonNegative(provisionDelay, "provisionDelay");
        requireNonNegative(startDelay, "startDelay");
        requireNonNegative(agentDelay, "agentDelay");
        requireNonNegative(stopDelay, "stopDelay");
        requireNonNegative(importDelay, "importDelay");
        requireNonNegative(addedLatency, "addedLatency");
        requireRate(apiErrorRate);
        Ipv4Cidr.parse(Objects.requireNonNull(podCidr, "podCidr"));
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
        }
        nodeRegions = List.copyOf(nodeRegions);
        if (egressBytesPerSecond < 0) {
            throw new IllegalArgumentException("egressBytesPerSecond must not be negative, was " + egressBytesPerSecond);
        }
    }

    /** Delays close to a small real cluster's, no injected faults. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                0.0, Duration.ZERO, DEFAULT_POD_CIDR, 0);
    }

    /** No delays and no faults: instances reach Running as fast as the controllers can write status. */
    public static SimulatorSettings instant() {
        return new SimulatorSettings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                0.0, Duration.ZERO, DEFAULT_POD_CIDR, 0);
    }

    public SimulatorSettings withApiErrorRate(double rate) {
        return new SimulatorSettings(provisionDelay, startDelay, agentDelay, stopDelay, importDelay, rate, addedLatency, podCidr, port, nodeRegions, egressBytesPerSecond);
    }

    public SimulatorSettings withPort(int port) {
        return new SimulatorSettings(provisionDelay, startDelay, agentDelay, stopDelay, importDelay, apiErrorRate, addedLatency, podCidr, port,
                nodeRegions, egressBytesPerSecond);
    }

    public SimulatorSettings withAddedLatency(Duration latency) {
        return new SimulatorSettings(provisionDelay, startDelay, agentDelay, stopDelay, importDelay, apiErrorRate, latency, podCidr, port, nodeRegions, egressBytesPerSecond);
    }

    static void requireRate(double rate) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException("apiErrorRate must be between 0.0 and 1.0, was " + rate);
        }
    }

    static void requireNonNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + duration);
        }
    }
}
