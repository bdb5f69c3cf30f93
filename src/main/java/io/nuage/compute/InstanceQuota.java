package io.nuage.compute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.nuage.errors.NuageError;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The tenant's quota of vCPUs, memory, instances and storage (a boot disk's), as instances use it: usage lives on the tenant row
 * and moves with conditional UPDATEs, so concurrent requests cannot overshoot it. A refusal is a
 * {@code quota_exceeded} with the quota, the usage and the request.
 */
final class InstanceQuota {

    private static final String USAGE = """
            SELECT quota_vcpus, quota_memory_mib, quota_instances, quota_storage_gib, used_vcpus, used_memory_mib AS used_memory,
              used_instances, used_storage_gib
            FROM tenants WHERE id = $1""";

    /** Grows or shrinks the usage by a resize, in the caller's transaction with the instance row locked; refuses growth past the quota. */
    private static final String RESIZE = """
            UPDATE tenants SET used_vcpus = used_vcpus + $2::int, used_memory_mib = used_memory_mib + $3::int,
              used_storage_gib = used_storage_gib + $4::int
            WHERE id = $1
              AND ($2::int <= 0 OR used_vcpus + $2::int <= quota_vcpus)
              AND ($3::int <= 0 OR used_memory_mib + $3::int <= quota_memory_mib)
              AND ($4::int <= 0 OR used_storage_gib + $4::int <= quota_storage_gib)
            RETURNING id""";

    private InstanceQuota() {
    }

    /** A resize, or a boot disk's growth, from {@code current} to {@code next}. */
    static Uni<Void> resize(SqlClient tx, UUID tenantId, InstanceSpec current, InstanceSpec next) {
        int dv = next.vcpus() - current.vcpus();
        int dm = next.memoryMib() - current.memoryMib();
        int ds = next.storageGib() - current.storageGib();
        return tx.preparedQuery(RESIZE).execute(Tuple.of(tenantId, dv, dm, ds))
                .chain(rows -> rows.size() > 0 ? Uni.createFrom().voidItem()
                        : usage(tx, tenantId).map(r -> {
                            // The stored usage includes the instance's current size; the answer reports usage without it.
                            throw exceeded(r, new Used(r.getLong("used_vcpus") - current.vcpus(), r.getLong("used_memory") - current.memoryMib(),
                                    r.getInteger("used_instances"), r.getLong("used_storage_gib") - current.storageGib()), next, 0);
                        }));
    }

    /** Why a create's reservation took nothing once the tenant and region were found fine: the quota is full. */
    static Uni<NuageError> createRefused(SqlClient client, UUID tenantId, InstanceSpec spec) {
        return usage(client, tenantId).map(r -> exceeded(r, new Used(r.getLong("used_vcpus"), r.getLong("used_memory"),
                r.getInteger("used_instances"), r.getLong("used_storage_gib")), spec, 1));
    }

    private record Used(long vcpus, long memoryMib, long instances, long storageGib) {
    }

    private static Uni<Row> usage(SqlClient client, UUID tenantId) {
        return client.preparedQuery(USAGE).execute(Tuple.of(tenantId)).map(rows -> rows.iterator().next());
    }

    private static NuageError exceeded(Row r, Used used, InstanceSpec wanted, int instances) {
        List<String> over = new ArrayList<>();
        if (used.vcpus() + wanted.vcpus() > r.getInteger("quota_vcpus")) {
            over.add("vcpus");
        }
        if (used.memoryMib() + wanted.memoryMib() > r.getLong("quota_memory_mib")) {
            over.add("memory_mib");
        }
        if (instances > 0 && used.instances() + instances > r.getInteger("quota_instances")) {
            over.add("instances");
        }
        if (wanted.storageGib() > 0 && used.storageGib() + wanted.storageGib() > r.getInteger("quota_storage_gib")) {
            over.add("storage_gib");
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("exceeded", over);
        Map<String, Object> quota = new LinkedHashMap<>(Map.of("vcpus", r.getInteger("quota_vcpus"), "memory_mib",
                r.getLong("quota_memory_mib"), "instances", r.getInteger("quota_instances")));
        Map<String, Object> usage = new LinkedHashMap<>(Map.of("vcpus", used.vcpus(), "memory_mib", used.memoryMib(), "instances",
                used.instances()));
        Map<String, Object> request = new LinkedHashMap<>(Map.of("vcpus", wanted.vcpus(), "memory_mib", wanted.memoryMib(),
                "instances", instances));
        if (wanted.storageGib() > 0) {
            quota.put("storage_gib", r.getInteger("quota_storage_gib"));
            usage.put("storage_gib", used.storageGib());
            request.put("storage_gib", wanted.storageGib());
        }
        facts.put("quota", quota);
        facts.put("usage", usage);
        facts.put("request", request);
        return NuageError.rejected("quota_exceeded", "The request would exceed the tenant quota for " + String.join(", ", over), facts);
    }
}
