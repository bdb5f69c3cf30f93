package io.nuage.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.db.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Egress per instance and hour (migration V44): counter samples in, bytes per instance out. Samples are turned into
 * deltas against the last sample of the same counter, in one transaction that locks those counters, so a sample is
 * counted once however many replicas read it.
 */
@ApplicationScoped
public class EgressStore {

    /** The collection due now, taken by one replica: the one whose update moves its time. */
    private static final String CLAIM = """
            UPDATE egress_collection SET next_at = $1 WHERE id = 1 AND next_at <= $2 RETURNING id""";

    /** A sample's instance: the live one of that name in that tenant, else the last deleted (its final bytes). */
    private static final String INSTANCES = """
            SELECT s.ord, i.id, i.tenant_id
            FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS s (tenant, name, ord)
            CROSS JOIN LATERAL (
                SELECT i.id, i.tenant_id FROM instances i JOIN tenants t ON t.id = i.tenant_id
                WHERE t.name = s.tenant AND i.name = s.name
                ORDER BY COALESCE(t.deleted_at, 'infinity') DESC, COALESCE(i.deleted_at, 'infinity') DESC LIMIT 1
            ) i""";

    private static final String LOCK_COUNTERS = """
            SELECT c.instance_id, c.interface, c.value, c.sampled_at FROM egress_counters c
            JOIN unnest($1::uuid[], $2::text[]) AS k (instance_id, interface) USING (instance_id, interface)
            ORDER BY c.instance_id, c.interface FOR UPDATE OF c""";

    private static final String SAVE_COUNTERS = """
            INSERT INTO egress_counters (instance_id, interface, value, sampled_at)
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]::numeric[], $4::timestamptz[])
            ON CONFLICT (instance_id, interface) DO UPDATE SET value = EXCLUDED.value, sampled_at = EXCLUDED.sampled_at""";

    private static final String ADD_HOURLY = """
            INSERT INTO egress_hourly (instance_id, tenant_id, hour, bytes)
            SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::int8[])
            ON CONFLICT (instance_id, hour) DO UPDATE SET bytes = egress_hourly.bytes + EXCLUDED.bytes""";

    /** Every hour the period touches: an hour counts when it ends after $2 and starts before $3. */
    private static final String BYTES = """
            SELECT e.instance_id, max(r.name) AS name, sum(e.bytes)::int8 AS bytes
            FROM egress_hourly e LEFT JOIN ledger_resources r ON r.resource_id = e.instance_id
            WHERE e.tenant_id = $1 AND e.hour > $2::timestamptz - interval '1 hour' AND e.hour < $3
            GROUP BY e.instance_id""";

    private final Pool pool;

    EgressStore(Pool pool) {
        this.pool = pool;
    }

    /** True when this replica takes the collection due at {@code now}; the next is then due {@code interval} later. */
    public Uni<Boolean> claim(Instant now, Duration interval) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(Sql.timestamp(now.plus(interval)), Sql.timestamp(now)))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Counts the samples; those of no instance Nuage knows are left out. Returns the bytes counted. */
    public Uni<Long> record(List<EgressSample> samples) {
        if (samples.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        // Rounds count one after the other: the counters' rows are locked only once they exist, so two replicas counting a
        // counter's first sample at once would both count it whole.
        return pool.withTransaction(tx -> tx.query("SELECT id FROM egress_collection WHERE id = 1 FOR UPDATE").execute()
                .chain(() -> instances(tx, samples)).chain(owned -> count(tx, owned)));
    }

    private record Owned(EgressSample sample, UUID instance, UUID tenant) {
    }

    private static Uni<List<Owned>> instances(SqlClient tx, List<EgressSample> samples) {
        String[] tenants = samples.stream().map(EgressSample::tenant).toArray(String[]::new);
        String[] names = samples.stream().map(EgressSample::instance).toArray(String[]::new);
        // Cast: Tuple.of would read a second array as its varargs.
        return tx.preparedQuery(INSTANCES).execute(Tuple.of(tenants, (Object) names)).map(rows -> {
            List<Owned> owned = new ArrayList<>();
            for (Row r : rows) {
                EgressSample s = samples.get((int) (r.getLong("ord") - 1));
                owned.add(new Owned(s, r.getUUID("id"), r.getUUID("tenant_id")));
            }
            return owned;
        });
    }

    private static Uni<Long> count(SqlClient tx, List<Owned> owned) {
        if (owned.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        UUID[] ids = owned.stream().map(Owned::instance).toArray(UUID[]::new);
        String[] ifaces = owned.stream().map(o -> o.sample().iface()).toArray(String[]::new);
        return tx.preparedQuery(LOCK_COUNTERS).execute(Tuple.of(ids, (Object) ifaces)).chain(rows -> {
            Map<String, EgressDeltas.Last> last = new HashMap<>();
            for (Row r : rows) {
                last.put(r.getUUID("instance_id") + "/" + r.getString("interface"),
                        new EgressDeltas.Last(r.getBigDecimal("value"), Sql.instant(r, "sampled_at")));
            }
            Map<String, Owned> counted = new LinkedHashMap<>();
            Map<List<Object>, Long> hourly = new LinkedHashMap<>();
            for (Owned o : owned) {
                String key = o.instance() + "/" + o.sample().iface();
                long delta = EgressDeltas.delta(last.getOrDefault(key, EgressDeltas.Last.NONE), o.sample().bytes(), o.sample().at());
                if (delta < 0 || counted.containsKey(key)) {
                    continue;
                }
                counted.put(key, o);
                hourly.merge(List.of(o.instance(), o.tenant(), o.sample().at().truncatedTo(ChronoUnit.HOURS)), delta, Long::sum);
            }
            if (counted.isEmpty()) {
                return Uni.createFrom().item(0L);
            }
            return saveCounters(tx, counted.values()).chain(() -> addHourly(tx, hourly))
                    .map(v -> hourly.values().stream().mapToLong(Long::longValue).sum());
        });
    }

    private static Uni<Void> saveCounters(SqlClient tx, java.util.Collection<Owned> counted) {
        UUID[] ids = counted.stream().map(Owned::instance).toArray(UUID[]::new);
        String[] ifaces = counted.stream().map(o -> o.sample().iface()).toArray(String[]::new);
        String[] values = counted.stream().map(o -> o.sample().bytes().toPlainString()).toArray(String[]::new);
        Object[] at = counted.stream().map(o -> Sql.timestamp(o.sample().at())).toArray(java.time.OffsetDateTime[]::new);
        return tx.preparedQuery(SAVE_COUNTERS).execute(Tuple.of(ids, ifaces, values, at)).replaceWithVoid();
    }

    private static Uni<Void> addHourly(SqlClient tx, Map<List<Object>, Long> hourly) {
        int n = hourly.size();
        UUID[] ids = new UUID[n];
        UUID[] tenants = new UUID[n];
        java.time.OffsetDateTime[] hours = new java.time.OffsetDateTime[n];
        Long[] bytes = new Long[n];
        int i = 0;
        for (Map.Entry<List<Object>, Long> e : hourly.entrySet()) {
            ids[i] = (UUID) e.getKey().get(0);
            tenants[i] = (UUID) e.getKey().get(1);
            hours[i] = Sql.timestamp((Instant) e.getKey().get(2));
            bytes[i++] = e.getValue();
        }
        return tx.preparedQuery(ADD_HOURLY).execute(Tuple.of(ids, tenants, hours, bytes)).replaceWithVoid();
    }

    /** Bytes each of the tenant's instances sent in the hours [from, to) touches, with its name. */
    public Uni<Map<UUID, Sent>> sent(UUID tenantId, Instant from, Instant to) {
        return pool.preparedQuery(BYTES).execute(Tuple.of(tenantId, Sql.timestamp(from), Sql.timestamp(to))).map(rows -> {
            Map<UUID, Sent> out = new LinkedHashMap<>();
            for (Row r : rows) {
                out.put(r.getUUID("instance_id"), new Sent(r.getString("name"), r.getLong("bytes")));
            }
            return out;
        });
    }

    /** What an instance sent over a period. */
    public record Sent(String name, long bytes) {
        public double gib() {
            return bytes / (double) (1L << 30);
        }
    }
}
