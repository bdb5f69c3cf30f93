package io.nuage.tenancy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.nuage.errors.NuageError;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A tenant's quota with what is in use, limit by limit: the headroom a pipeline checks before it fans out. The usage is
 * the one the creates take from (on the tenant row, moved in their transactions), so what this shows available is
 * what the next creates may take, concurrent ones aside.
 */
@ApplicationScoped
public class QuotaUsage {

    /** The limits, as the quota names them; each is a {@code quota_<limit>} and a {@code used_<limit>} column. */
    static final List<String> LIMITS = List.of("vcpus", "memory_mib", "instances", "storage_gib", "volumes", "networks",
            "snapshots", "tokens", "public_ips");
    private static final String READ = "SELECT " + String.join(", ",
            LIMITS.stream().map(l -> "quota_" + l + ", used_" + l).toList()) + " FROM tenants WHERE id = $1 AND deleted_at IS NULL";

    @Schema(description = "One limit of the tenant's quota")
    public record Limit(@Schema(required = true) long limit, @Schema(required = true) long used,
            @Schema(required = true, description = "limit - used, never below 0 (a quota lowered under its usage)") long available) {
    }

    private final Pool pool;

    QuotaUsage(Pool pool) {
        this.pool = pool;
    }

    /** Limit by limit, in the quota's order. */
    public Uni<Map<String, Limit>> of(Tenant tenant) {
        return pool.preparedQuery(READ).execute(Tuple.of(tenant.id())).map(rows -> {
            if (rows.size() == 0) {
                throw NuageError.notFound("tenant", tenant.name());
            }
            return limits(rows.iterator().next());
        });
    }

    private static Map<String, Limit> limits(Row r) {
        Map<String, Limit> out = new LinkedHashMap<>();
        for (String l : LIMITS) {
            long limit = ((Number) r.getValue("quota_" + l)).longValue();
            long used = ((Number) r.getValue("used_" + l)).longValue();
            out.put(l, new Limit(limit, used, Math.max(0, limit - used)));
        }
        return out;
    }

}
