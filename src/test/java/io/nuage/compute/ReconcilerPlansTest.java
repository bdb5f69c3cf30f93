package io.nuage.compute;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.nuage.db.ReconcilerDatabase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The reconciler's batch statements are planned once per connection, often while the tables are still nearly empty,
 * and the plan is kept as they grow: it must find the instances by key, never by scanning them all.
 */
@QuarkusTest
class ReconcilerPlansTest {

    @Inject
    ReconcilerDatabase database;

    @Test
    void theBatchReadFindsItsInstancesByKey() {
        String plan = genericPlan(InstanceRows.RECONCILABLE);
        assertFalse(plan.contains("Seq Scan on instances"), plan);
    }

    @Test
    void theBatchStatusWriteFindsItsInstancesByKey() {
        String plan = genericPlan(InstanceRows.STATUS_WRITE);
        assertFalse(plan.contains("Seq Scan on instances"), plan);
    }

    private String genericPlan(String statement) {
        List<String> lines = new ArrayList<>();
        database.pool().query("EXPLAIN (GENERIC_PLAN) " + statement).execute().await().indefinitely()
                .forEach(r -> lines.add(r.getString(0)));
        return String.join("\n", lines);
    }
}
