package io.nuage.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Clock;

import org.jboss.logging.Logger;

import io.nuage.db.Sql;
import io.nuage.platform.NuageConfig;
import io.quarkus.scheduler.Scheduled;
import io.nuage.platform.SecretBox;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Checking a tenant's chain, and pruning it past the retention without breaking it. Verification recomputes every
 * entry's hash from its content and the previous hash, from the last signed checkpoint (or the start) to the chain's
 * head, and names the first entry that does not match: an entry changed, removed or inserted shows there.
 */
@ApplicationScoped
public class AuditChains {

    /** The answer of a verification. */
    public record Verification(
            @Schema(description = "Whether every entry matches its hash and the chain reaches its head") boolean intact,
            @Schema(description = "Entries checked") long entries,
            @Schema(description = "The first entry that does not match, or null") Long firstBrokenSeq,
            @Schema(description = "Why it does not match, or null") String reason,
            @Schema(description = "Where verification started: the last signed checkpoint of pruned entries, or 0") long checkpointSeq) {
    }

    private static final String PURPOSE = "nuage audit checkpoint";
    private static final int BATCH = 1000;

    private static final Logger LOG = Logger.getLogger(AuditChains.class);

    private final Pool pool;
    private final SecretBox secrets;
    private final NuageConfig config;
    private final Clock clock;

    AuditChains(Pool pool, SecretBox secrets, NuageConfig config, Clock clock) {
        this.pool = pool;
        this.secrets = secrets;
        this.config = config;
        this.clock = clock;
    }

    /** Daily, on every replica (a prune finds nothing left to do after another's): the retention applied. */
    @Scheduled(every = "24h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pruneExpired() {
        try {
            long pruned = prune(clock.instant().minus(config.audit().retention()));
            if (pruned > 0) {
                LOG.infof("Pruned %d audit entries older than %s, behind signed checkpoints", pruned, config.audit().retention());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Pruning the audit log failed; tomorrow's run tries again: %s", e.getClass().getSimpleName());
        }
    }

    /** Checks the chain of {@code tenantKey}, reading it in batches (a long chain is never held in memory). Blocking. */
    public Verification verify(UUID tenantKey) {
        RowSet<Row> cp = pool.preparedQuery("SELECT seq, hash, signature FROM audit_checkpoints WHERE tenant_key = $1 ORDER BY seq DESC LIMIT 1")
                .execute(Tuple.of(tenantKey)).await().atMost(Sql.AWAIT);
        long seq = 0;
        byte[] previous = new byte[0];
        if (cp.size() > 0) {
            Row c = cp.iterator().next();
            seq = c.getLong("seq");
            previous = c.getBuffer("hash").getBytes();
            if (!MessageDigest.isEqual(signature(tenantKey, seq, previous), c.getBuffer("signature").getBytes())) {
                return new Verification(false, 0, seq, "the checkpoint of the pruned entries is not signed by this installation", seq);
            }
        }
        long start = seq;
        long checked = 0;
        while (true) {
            RowSet<Row> rows = pool.preparedQuery("SELECT %s FROM audit_entries WHERE tenant_key = $1 AND seq > $2 ORDER BY seq LIMIT %d"
                    .formatted(AuditLog.COLUMNS, BATCH)).execute(Tuple.of(tenantKey, seq)).await().atMost(Sql.AWAIT);
            for (Row r : rows) {
                AuditEntry e = AuditLog.entry(r);
                if (e.seq() != seq + 1) {
                    return new Verification(false, checked, seq + 1, "entry " + (seq + 1) + " is missing", start);
                }
                byte[] expected = hash(e.canonical(), previous);
                if (!Arrays.equals(expected, e.hashBytes())) {
                    return new Verification(false, checked, e.seq(), "its content or its hash was changed after it was written", start);
                }
                previous = expected;
                seq = e.seq();
                checked++;
            }
            if (rows.size() < BATCH) {
                break;
            }
        }
        RowSet<Row> head = pool.preparedQuery("SELECT seq, hash FROM audit_heads WHERE tenant_key = $1").execute(Tuple.of(tenantKey))
                .await().atMost(Sql.AWAIT);
        if (head.size() > 0) {
            Row h = head.iterator().next();
            if (h.getLong("seq") != seq || !Arrays.equals(h.getBuffer("hash").getBytes(), previous)) {
                return new Verification(false, checked, seq + 1, "the chain ends at entry " + seq + " but its head is entry "
                        + h.getLong("seq") + ": later entries were removed", start);
            }
        }
        return new Verification(true, checked, null, null, start);
    }

    /**
     * Removes the entries written before {@code before}, each chain's last pruned entry kept as a signed checkpoint that
     * verification starts from. Returns how many entries went. Blocking.
     */
    public long prune(Instant before) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                SELECT DISTINCT ON (tenant_key) tenant_key, seq, hash FROM audit_entries WHERE at < $1
                ORDER BY tenant_key, seq DESC""").execute(Tuple.of(Sql.timestamp(before)))
                .chain(rows -> {
                    List<Row> last = new ArrayList<>();
                    rows.forEach(last::add);
                    Uni<Long> done = Uni.createFrom().item(0L);
                    for (Row r : last) {
                        done = done.chain(n -> checkpoint(tx, r.getUUID("tenant_key"), r.getLong("seq"), r.getBuffer("hash").getBytes())
                                .map(m -> n + m));
                    }
                    return done;
                })).await().atMost(Sql.AWAIT);
    }

    private Uni<Long> checkpoint(SqlClient tx, UUID tenantKey, long seq, byte[] hash) {
        return tx.preparedQuery("INSERT INTO audit_checkpoints (tenant_key, seq, hash, signature, at) VALUES ($1, $2, $3, $4, now())")
                .execute(Tuple.of(tenantKey, seq, Buffer.buffer(hash),
                        Buffer.buffer(signature(tenantKey, seq, hash))))
                .chain(() -> tx.query("SELECT set_config('nuage.audit_prune', 'on', true)").execute())
                .chain(() -> tx.preparedQuery("DELETE FROM audit_entries WHERE tenant_key = $1 AND seq <= $2").execute(Tuple.of(tenantKey, seq)))
                .map(deleted -> (long) deleted.rowCount());
    }

    private byte[] signature(UUID tenantKey, long seq, byte[] hash) {
        byte[] key = tenantKey.toString().getBytes(StandardCharsets.UTF_8);
        return secrets.sign(PURPOSE, ByteBuffer.allocate(key.length + Long.BYTES + hash.length).put(key).putLong(seq).put(hash).array());
    }

    /** SHA-256 over the entry's canonical content and the previous entry's hash, as the database computes it. */
    static byte[] hash(String canonical, byte[] previous) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(canonical.getBytes(StandardCharsets.UTF_8));
            sha.update(previous);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
