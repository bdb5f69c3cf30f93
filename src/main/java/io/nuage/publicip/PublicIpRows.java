package io.nuage.publicip;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.db.Sql;
import io.nuage.db.Transactions;
import io.nuage.sla.Recorded;
import io.nuage.status.Conditions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The public address rows as the reconciler reads and writes them. */
@ApplicationScoped
public class PublicIpRows {

    /** The live row with its tenant's name, its instance's id and what the ledger last recorded of it. */
    private static final String RECONCILABLE = """
            SELECT p.*, %s
            FROM (SELECT %s, instance_id, delete_requested_at, tenant_id,
                (SELECT t.name FROM tenants t WHERE t.id = public_ips.tenant_id) AS tenant_name
              FROM public_ips WHERE id = $1 AND deleted_at IS NULL) p
            LEFT JOIN ledger_resources l ON l.resource_id = p.id""".formatted(Recorded.columns("l"), PublicIpStore.COLUMNS);

    private final Transactions db;

    PublicIpRows(Transactions db) {
        this.db = db;
    }

    /** Everything a pass needs about one public address; {@code instanceId} null when detached. */
    public record Reconcilable(UUID id, String tenant, UUID tenantId, PublicIp ip, UUID instanceId, boolean deleting,
            Recorded recorded) {
    }

    /** The live (not tombstoned) public address, or null. */
    public Uni<Reconcilable> reconcilable(UUID id) {
        return db.client().preparedQuery(RECONCILABLE).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row r = rows.iterator().next();
            return new Reconcilable(r.getUUID("id"), r.getString("tenant_name"), r.getUUID("tenant_id"), PublicIpStore.map(r),
                    r.getUUID("instance_id"), r.getValue("delete_requested_at") != null, Recorded.of(r));
        });
    }

    /** Writes observed status, only if the desired state is still the generation the pass worked from. */
    public Uni<Boolean> writeStatus(UUID id, long generation, PublicIpStatus status) {
        return db.client().preparedQuery("""
                UPDATE public_ips SET phase = $3, status_message = $4, conditions = $5, observed_generation = $6
                WHERE id = $1 AND generation = $2 AND deleted_at IS NULL""")
                .execute(Tuple.from(new Object[] { id, generation, status.phase().key(), status.message(),
                        Conditions.toJson(status.conditions()), status.observedGeneration() }))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Second phase of a release: the Service is gone; the row stays as history, its address and its count are free. */
    public Uni<Void> tombstone(UUID id, Instant now) {
        return db.client().preparedQuery("""
                WITH gone AS (
                  UPDATE public_ips SET deleted_at = $2, phase = 'deleted'
                  WHERE id = $1 AND delete_requested_at IS NOT NULL AND deleted_at IS NULL RETURNING tenant_id)
                UPDATE tenants t SET used_public_ips = used_public_ips - 1 FROM gone WHERE t.id = gone.tenant_id""")
                .execute(Tuple.of(id, Sql.timestamp(now))).replaceWithVoid();
    }
}
