package io.nuage.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.nuage.bench.ScaleBenchmark.SimulatorProcess;

/**
 * For the sustained benchmark: CPU used so far (ms) by Nuage's JVM, the simulated cluster's, PostgreSQL and this
 * harness, at {@code nanos}; the difference of two readings is what a phase used (the harness's includes its API
 * and Fabric8 clients, not pgbench, a process of its own).
 */
record PhaseCpu(long nanos, long nuage, long simulator, long postgres, long harness) {

    static PhaseCpu read(NuageProcess nuage, SimulatorProcess cluster) {
        try {
            return new PhaseCpu(System.nanoTime(), CpuUsage.processMillis(nuage.pid()),
                    CpuUsage.processMillis(cluster.process().pid()), nuage.postgresCpu().totalMillis(),
                    CpuUsage.processMillis(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits (at most {@code seconds}) until {@code cores} of a second's use falls under a tenth of a core; returns that
     * second's use (the last one read, if it never fell).
     */
    static Used awaitQuiet(NuageProcess nuage, SimulatorProcess cluster, long seconds, ToDoubleFunction<Used> cores)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Used used;
        do {
            PhaseCpu before = read(nuage, cluster);
            Thread.sleep(1000);
            used = read(nuage, cluster).since(before);
        } while (cores.applyAsDouble(used) >= 0.1 && System.nanoTime() < deadline);
        return used;
    }

    /** What was used between {@code earlier} and this reading. */
    Used since(PhaseCpu earlier) {
        return new Used((nanos - earlier.nanos) / 1e9, nuage - earlier.nuage, simulator - earlier.simulator,
                postgres - earlier.postgres, harness - earlier.harness);
    }

    /** CPU milliseconds used over {@code seconds}. */
    record Used(double seconds, long nuage, long simulator, long postgres, long harness) {

        double cores() {
            return (nuage + simulator + postgres) / 1000.0 / seconds;
        }

        double nuageCores() {
            return nuage / 1000.0 / seconds;
        }

        @Override
        public String toString() {
            return String.format("over %.1f s: Nuage %.2f cores (%.1f s), simulator %.2f (%.1f s), PostgreSQL %.2f (%.1f s),"
                    + " harness %.2f (%.1f s)", seconds, nuage / 1000.0 / seconds, nuage / 1000.0, simulator / 1000.0 / seconds,
                    simulator / 1000.0, postgres / 1000.0 / seconds, postgres / 1000.0, harness / 1000.0 / seconds, harness / 1000.0);
        }
    }
}
