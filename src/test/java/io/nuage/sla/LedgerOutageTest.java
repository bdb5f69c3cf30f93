package io.nuage.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.nuage.api.TestApi;
import io.nuage.db.Sql;
import io.nuage.sla.Observation.Sizes;
import io.nuage.tenancy.Tenant;
import io.nuage.tenancy.TenantStore;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The ledger's writes fail for longer than any fixed number of retries lasts (its table is
 * renamed away, so every write's transaction fails, as with the database gone) while an outage
 * starts and ends: once writes succeed again, the ledger has both transitions at the times they
 * were observed, not at the time the database came back.
 */
@QuarkusTest
class LedgerOutageTest {

    private static final Sizes VM = new Sizes(2, 4096, 0);
    /** More failed attempts than the writer used to make before dropping a batch (5). */
    private static final int FAILED_ATTEMPTS = 8;

    @Inject
    Ledger ledger;
    @Inject
    TenantStore tenants;
    @Inject
    Pool pool;
    @Inject
    MeterRegistry registry;

    @Test
    void transitionsObservedWhileWritesFailKeepTheirObservedTimes() throws InterruptedException {
        Tenant t = tenants.find(TestApi.createTenant()).await().indefinitely();
        UUID id = UUID.randomUUID();
        Instant up = Instant.parse("2026-09-20T10:00:00Z");
        Instant down = Instant.parse("2026-09-20T10:05:00Z");
        Instant back = Instant.parse("2026-09-20T10:12:00Z");
        ledger.observe(obs(t, id, up, Category.UP), null);
        ledger.flush(Duration.ofSeconds(30));

        double failuresBefore = failures();
        sql("ALTER TABLE ledger_transitions RENAME TO ledger_transitions_away");
        try {
            ledger.observe(obs(t, id, down, Category.DOWN), null);
            ledger.observe(obs(t, id, back, Category.UP), null);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (failures() - failuresBefore < FAILED_ATTEMPTS && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            sql("ALTER TABLE ledger_transitions_away RENAME TO ledger_transitions");
        }
        ledger.flush(Duration.ofSeconds(30));

        assertEquals(List.of("up@" + up, "down@" + down, "up@" + back), transitions(id),
                "every transition, at the time it was observed");
        assertEquals(0.0, registry.counter("nuage.ledger.observations.dropped").count(), "nothing refused");
    }

    private double failures() {
        return registry.counter("nuage.ledger.write.failures").count();
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().atMost(Sql.AWAIT);
    }

    private List<String> transitions(UUID id) {
        List<String> out = new ArrayList<>();
        for (Row r : pool.preparedQuery("SELECT category, at FROM ledger_transitions WHERE resource_id = $1 ORDER BY at")
                .execute(Tuple.of(id)).await().atMost(Sql.AWAIT)) {
            out.add(r.getString("category") + "@" + Sql.instant(r, "at"));
        }
        return out;
    }

    private static Observation obs(Tenant t, UUID id, Instant at, Category c) {
        return new Observation(id, t.id(), Observation.Kind.INSTANCE, "outage", "fr-par", null, at, c, "observed " + c.wire(), false, VM);
    }
}
