package io.nuage.idempotency;

import java.time.Duration;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.nuage.db.DatabaseOutage;
import io.nuage.db.Sql;
import io.nuage.platform.NuageConfig;
import io.nuage.platform.SecretBox;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The idempotency_keys table: which request holds each key of a scope, and the answer it got. Times are the
 * database's, so replicas whose clocks differ agree on what has expired. Every stored body is sealed.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);

    /**
     * How long a claim holds its key without an answer. A request changes rows and answers in milliseconds; a claim
     * this old belongs to a replica that died with it, and the retry runs instead of waiting for a day.
     */
    static final Duration IN_FLIGHT = Duration.ofSeconds(60);
    private static final int SWEEP_BATCH = 10_000;

    /**
     * A new key is claimed; so is an expired one (an answer past its retention, a claim its replica abandoned), by the
     * same statement, so that of two requests racing for it exactly one gets a row back.
     */
    private static final String CLAIM = """
            INSERT INTO idempotency_keys (scope, key, request_hash, state, created_at, expires_at)
            VALUES ($1, $2, $3, 'in_progress', now(), now() + make_interval(secs => $4))
            ON CONFLICT (scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, state = 'in_progress',
              status = NULL, location = NULL, content_type = NULL, body = NULL,
              created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
            WHERE idempotency_keys.expires_at <= now()
            RETURNING created_at""";
    private static final String FIND = """
            SELECT request_hash, state, status, location, etag, content_type, body FROM idempotency_keys
            WHERE scope = $1 AND key = $2""";
    /** Only the claim that is still this request's: one taken over meanwhile belongs to its new holder. */
    private static final String COMPLETE = """
            UPDATE idempotency_keys SET state = 'complete', status = $4, location = $5, content_type = $6, body = $7,
              expires_at = now() + make_interval(secs => $8), etag = $9
            WHERE scope = $1 AND key = $2 AND created_at = $3 AND state = 'in_progress'""";
    private static final String RELEASE = """
            DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND created_at = $3 AND state = 'in_progress'""";
    private static final String SWEEP = """
            DELETE FROM idempotency_keys WHERE (scope, key) IN (
              SELECT scope, key FROM idempotency_keys WHERE expires_at <= now() LIMIT $1)""";

    private final Pool pool;
    private final SecretBox box;
    private final DatabaseOutage outage;
    private final double retentionSeconds;

    IdempotencyKeys(Pool pool, SecretBox box, DatabaseOutage outage, NuageConfig config) {
        this.pool = pool;
        this.box = box;
        this.outage = outage;
        this.retentionSeconds = config.api().idempotencyRetention().toMillis() / 1000.0;
    }

    /** Claims {@code key} of {@code scope} for a request of that hash, or says what holds it. */
    public Uni<Claim> claim(String scope, String key, byte[] requestHash) {
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(scope, key, Buffer.buffer(requestHash), (double) IN_FLIGHT.toSeconds()))
                .chain(rows -> rows.size() > 0
                        ? Uni.createFrom().item(new Claim.Claimed(scope, key, Sql.instant(rows.iterator().next(), "created_at")))
                        : holder(scope, key, requestHash));
    }

    private Uni<Claim> holder(String scope, String key, byte[] requestHash) {
        return pool.preparedQuery(FIND).execute(Tuple.of(scope, key)).map(rows -> {
            if (rows.size() == 0) {
                // Released or swept between the two statements: its holder failed, so this retry is told to come back.
                return new Claim.InProgress();
            }
            Row r = rows.iterator().next();
            if (!Arrays.equals(r.getBuffer("request_hash").getBytes(), requestHash)) {
                return new Claim.Reused();
            }
            if (!"complete".equals(r.getString("state"))) {
                return new Claim.InProgress();
            }
            var body = r.getBuffer("body");
            return new Claim.Replay(new Answer(r.getInteger("status"), r.getString("location"), r.getString("etag"), r.getString("content_type"),
                    body == null ? null : box.open(body.getBytes())));
        });
    }

    /** Keeps the answer to a claimed key for the retention period. */
    public Uni<Void> complete(Claim.Claimed claim, Answer answer) {
        Buffer body = answer.body() == null ? null : Buffer.buffer(box.seal(answer.body()));
        return pool.preparedQuery(COMPLETE).execute(Tuple.from(new Object[] { claim.scope(), claim.key(),
                Sql.timestamp(claim.claimedAt()), answer.status(), answer.location(), answer.contentType(), body,
                retentionSeconds, answer.etag() })).replaceWithVoid();
    }

    /** Gives a claimed key up, so that a retry runs the request again. */
    public Uni<Void> release(Claim.Claimed claim) {
        return pool.preparedQuery(RELEASE).execute(Tuple.of(claim.scope(), claim.key(), Sql.timestamp(claim.claimedAt())))
                .replaceWithVoid();
    }

    /** Expired keys are deleted in batches. A claim finds an expired key free anyway: this only keeps the table small. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            int deleted;
            do {
                deleted = pool.preparedQuery(SWEEP).execute(Tuple.of(SWEEP_BATCH)).await().atMost(Sql.AWAIT).rowCount();
            } while (deleted == SWEEP_BATCH);
        } catch (RuntimeException e) {
            if (!outage.unavailable(e)) {
                LOG.warn("Sweeping expired idempotency keys failed; the next sweep tries again", e);
            }
        }
    }
}
