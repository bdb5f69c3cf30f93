package io.nuage.sla;

import java.time.Clock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nuage.platform.NuageConfig;
import io.vertx.mutiny.sqlclient.Pool;

/** A ledger's life as a replica's start and stop drive it, for tests of other packages that play a replica. */
public final class Ledgers {

    private Ledgers() {
    }

    /** A second replica's ledger, started: it records a gap before it, as one starting would. */
    public static Ledger started(Pool pool, Clock clock, NuageConfig config) {
        Ledger ledger = new Ledger(pool, clock, config, new SimpleMeterRegistry());
        ledger.start();
        return ledger;
    }

    public static void stop(Ledger ledger) {
        ledger.stop();
    }

    public static void start(Ledger ledger) {
        ledger.start();
    }
}
