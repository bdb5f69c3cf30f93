package io.nuage.storage;

import java.util.Map;
import java.util.UUID;

import io.nuage.errors.NuageError;
import io.nuage.tenancy.Tenant;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The volumes table as an attach reads it: kept apart from {@link VolumeStore}, which the API's own reads and writes fill. */
public final class AttachableVolume {

    private AttachableVolume() {
    }

    /**
     * Locks a live volume of the tenant for attaching it to an instance, the one call compute makes into
     * storage: it exists (else 422, since the request body names it, not the URL), is not being deleted
     * and has not failed. The caller checks the attachment itself once the lock is held.
     */
    public static Uni<UUID> lock(SqlClient tx, Tenant tenant, String volume) {
        return tx.preparedQuery("""
                SELECT id, phase, delete_requested_at FROM volumes
                WHERE tenant_id = $1 AND name = $2 AND deleted_at IS NULL FOR UPDATE""")
                .execute(Tuple.of(tenant.id(), volume))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw NuageError.rejected("volume_not_found", "Volume '" + volume + "' does not exist",
                                Map.of("volume", volume));
                    }
                    Row r = rows.iterator().next();
                    if (r.getValue("delete_requested_at") != null) {
                        throw NuageError.conflict("volume_deleting", "Volume '" + volume + "' is being deleted");
                    }
                    if (VolumePhase.of(r.getString("phase")) == VolumePhase.FAILED) {
                        throw NuageError.conflict("volume_failed", "Volume '" + volume
                                + "' failed (see its status): an instance could not use it");
                    }
                    return r.getUUID("id");
                });
    }
}
