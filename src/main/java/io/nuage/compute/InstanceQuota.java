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
 * The tenant's quota of vCPUs, memory and instances, as instances use it: usage lives on the tenant row
 * and moves with conditional UPDATEs, so concurrent requests cannot overshoot it. A refusal is a
 * {@code quota_exceeded} with the quota, the usage and the request.
 */
final class InstanceQuota {

    private static final String USAGE = """
            SELECT quota_vcpus, quota_memory_mib, quota_instances, used_vcpus, used_memory_mib AS used_memory, used_instances
            FROM tenants WHERE id = $1""";

    /** Grows or shrinks the usage by a resize, in the caller's transaction with the instance row locked; refuses growth past the quota. */
    private static final String RESIZE = """
            UPDATE tenants SET used_vcpus = used_vcpus + $2::int, used_memory_mib = used_memory_mib + $3::int
            WHERE id = $1
              AND ($2::int <= 0 OR used_vcpus + $2::int <= quota_vcpus)
              AND ($3::int <= 0 OR used_memory_mib + $3::int <= quota_memory_mib)
            RETURNING id""";

    private InstanceQuota() {
    }

    static Uni<Void> resize(SqlClient tx, UUID tenantId, InstanceSpec current, int vcpus, int memoryMib) {
        int dv = vcpus - current.vcpus();
        int dm = memoryMib - current.memoryMib();
        return tx.preparedQuery(RESIZE).execute(Tuple.of(tenantId, dv, dm))
                .chain(rows -> rows.size() > 0 ? Uni.createFrom().voidItem()
                        : usage(tx, tenantId).map(r -> {
                            // The stored usage includes the instance's current size; the answer reports usage without it.
                            long usedVcpus = r.getLong("used_vcpus") - current.vcpus();
                            long usedMemory = r.getLong("used_memory") - current.memoryMib();
                            throw exceeded(r, usedVcpus, usedMemory, r.getInteger("used_instances"), vcpus, memoryMib, 0);
                        }));
    }

    /** Why a create's reservation took nothing once the tenant and region were found fine: the quota is full. */
    static Uni<NuageError> createRefused(SqlClient client, UUID tenantId, int vcpus, int memoryMib) {
        return usage(client, tenantId).map(r -> exceeded(r, r.getLong("used_vcpus"), r.getLong("used_memory"),
                r.getInteger("used_instances"), vcpus, memoryMib, 1));
    }

    private static Uni<Row> usage(SqlClient client, UUID tenantId) {
        return client.preparedQuery(USAGE).execute(Tuple.of(tenantId)).map(rows -> rows.iterator().next());
    }

    private static NuageError exceeded(Row r, long usedVcpus, long usedMemory, long usedInstances, int vcpus, int memoryMib,
            int instances) {
        List<String> over = new ArrayList<>();
        if (usedVcpus + vcpus > r.getInteger("quota_vcpus")) {
            over.add("vcpus");
        }
        if (usedMemory + memoryMib > r.getLong("quota_memory_mib")) {
            over.add("memory_mib");
        }
        if (instances > 0 && usedInstances + instances > r.getInteger("quota_instances")) {
            over.add("instances");
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("exceeded", over);
        facts.put("quota", Map.of("vcpus", r.getInteger("quota_vcpus"), "memory_mib", r.getLong("quota_memory_mib"),
                "instances", r.getInteger("quota_instances")));
        facts.put("usage", Map.of("vcpus", usedVcpus, "memory_mib", usedMemory, "instances", usedInstances));
        facts.put("request", Map.of("vcpus", vcpus, "memory_mib", memoryMib, "instances", instances));
        return NuageError.rejected("quota_exceeded", "The request would exceed the tenant quota for " + String.join(", ", over), facts);
    }
}
