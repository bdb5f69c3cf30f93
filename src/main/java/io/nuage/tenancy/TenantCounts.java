package io.nuage.tenancy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.nuage.errors.NuageError;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The counts of a tenant's quota that a create takes one of: networks, snapshots, tokens, public addresses (volumes are taken with their
 * storage in the volume create's own statement, and instances with their vCPUs and memory). The count in use
 * lives on the tenant row next to its quota and moves with conditional UPDATEs, as vCPUs and storage do, so concurrent
 * creates cannot overshoot: a create takes one in its own transaction (and holds the tenant row until it commits), a
 * tombstone or a revocation gives it back. A refusal is a {@code quota_exceeded} with the quota, the usage and the request.
 */
public enum TenantCounts {
    NETWORKS("networks"),
    SNAPSHOTS("snapshots"),
    TOKENS("tokens"),
    PUBLIC_IPS("public_ips");

    private final String key;
    private final String take;
    private final String read;

    TenantCounts(String key) {
        this.key = key;
        this.take = """
                UPDATE tenants SET used_%1$s = used_%1$s + 1
                WHERE id = $1 AND deleted_at IS NULL AND used_%1$s < quota_%1$s RETURNING id""".formatted(key);
        this.read = "SELECT deleted_at, quota_%1$s AS quota, used_%1$s AS used FROM tenants WHERE id = $1".formatted(key);
    }

    /** The quota field and the columns' suffix: {@code quota.networks}, {@code used_networks}. */
    public String key() {
        return key;
    }

    /** Takes one for a create, through its transaction {@code tx}; 422 quota_exceeded when none is left, 404 for a deleted tenant. */
    public Uni<Void> take(SqlClient tx, Tenant tenant) {
        return tx.preparedQuery(take).execute(Tuple.of(tenant.id()))
                .chain(rows -> rows.size() > 0 ? Uni.createFrom().voidItem()
                        : tx.preparedQuery(read).execute(Tuple.of(tenant.id())).map(read -> {
                            Row r = read.iterator().next();
                            if (r.getValue("deleted_at") != null) {
                                throw NuageError.notFound("tenant", tenant.name());
                            }
                            throw exceeded(r.getInteger("quota"), r.getInteger("used"));
                        }));
    }

    private NuageError exceeded(int quota, int used) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("exceeded", List.of(key));
        facts.put("quota", Map.of(key, quota));
        facts.put("usage", Map.of(key, used));
        facts.put("request", Map.of(key, 1));
        return NuageError.rejected("quota_exceeded", "The request would exceed the tenant quota for " + key + " (" + quota + ")",
                facts);
    }
}
