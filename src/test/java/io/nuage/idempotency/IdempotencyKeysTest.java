package io.nuage.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The sweep deletes expired keys, answered or abandoned, and keeps the others. */
@QuarkusTest
class IdempotencyKeysTest {

    @Inject
    IdempotencyKeys keys;
    @Inject
    Pool pool;

    @Test
    void theSweepDeletesExpiredKeysOnly() {
        String scope = "test:" + UUID.randomUUID();
        insert(scope, "answered-expired", "complete", "- interval '1 second'");
        insert(scope, "abandoned", "in_progress", "- interval '1 second'");
        insert(scope, "answered", "complete", "+ interval '1 hour'");
        insert(scope, "running", "in_progress", "+ interval '1 minute'");
        keys.sweep();
        assertEquals(2L, pool.preparedQuery("SELECT count(*) AS n FROM idempotency_keys WHERE scope = $1 AND key IN ('answered', 'running')")
                .execute(Tuple.of(scope)).await().indefinitely().iterator().next().getLong("n"));
        assertEquals(2L, pool.preparedQuery("SELECT count(*) AS n FROM idempotency_keys WHERE scope = $1")
                .execute(Tuple.of(scope)).await().indefinitely().iterator().next().getLong("n"));
    }

    private void insert(String scope, String key, String state, String expiry) {
        pool.preparedQuery("""
                INSERT INTO idempotency_keys (scope, key, request_hash, state, status, created_at, expires_at)
                VALUES ($1, $2, '\\x00', $3, CASE WHEN $3 = 'complete' THEN 201 END, now(), now() %s)""".formatted(expiry))
                .execute(Tuple.of(scope, key, state)).await().indefinitely();
    }
}
