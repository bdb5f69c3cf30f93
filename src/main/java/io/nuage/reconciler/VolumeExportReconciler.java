package io.nuage.reconciler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.inject.Singleton;

import io.fabric8.kubernetes.api.model.Secret;
import io.nuage.db.Sql;
import io.nuage.kubevirt.DesiredVolumeExport;
import io.nuage.kubevirt.Labels;
import io.nuage.kubevirt.TenantObjects;
import io.nuage.kubevirt.VirtualMachineExport;
import io.nuage.kubevirt.VolumeExportObjects;
import io.nuage.status.Condition;
import io.nuage.storage.ExportPhase;
import io.nuage.storage.VolumeExport;
import io.nuage.storage.VolumeExportRows;
import io.nuage.storage.VolumeExportRows.Observed;
import io.nuage.storage.VolumeExportRows.Reconcilable;
import io.nuage.work.WorkKind;

/**
 * A pass over a disk export: until it expires, the token's Secret and the VirtualMachineExport of the volume's PVC; the
 * export's phase and links read back from KubeVirt's status. At its expiry both objects go and the export shows
 * {@code expired}; a pass is queued for that moment. KubeVirt deletes the VirtualMachineExport at the same time
 * ({@code ttlDuration}), and a live export is never made again once expired.
 */
@Singleton
public class VolumeExportReconciler extends ResourceReconciler<Reconcilable, VolumeExportReconciler.StatusWrite> {

    record StatusWrite(UUID id, long generation, Observed observed) {
    }

    private final VolumeExportRows rows;
    private final TokenSecret secret = new TokenSecret();
    private final Exports export = new Exports();

    VolumeExportReconciler(VolumeExportRows rows, ClusterCache cache, ClusterWrites writes, Clock clock) {
        super(WorkKind.VOLUME_EXPORT, cache, writes, clock);
        this.rows = rows;
    }

    /** The exports only: Secrets are watched once, by instances, and reach this kind by their kind label. */
    @Override
    public List<Watched> watches() {
        return watches(List.of(export));
    }

    @Override
    Map<UUID, Reconcilable> load(List<UUID> ids) {
        return each(ids, rows::reconcilable);
    }

    @Override
    boolean deleting(Reconcilable row) {
        return row.deleting();
    }

    @Override
    Outcome delete(Reconcilable row) {
        DesiredVolumeExport d = desired(row, false);
        export.delete(writes, d);
        secret.delete(writes, d);
        rows.tombstone(row.id(), clock.instant()).await().atMost(Sql.AWAIT);
        return Outcome.DONE;
    }

    @Override
    Converged<Reconcilable> converge(Reconcilable row) {
        Instant now = clock.instant();
        boolean live = now.isBefore(row.export().expiresAt());
        DesiredVolumeExport d = desired(row, live);
        secret.converge(writes, d); // first: the export server reads the token when it starts
        export.converge(writes, d);
        // Look again when the export expires.
        return live ? new Converged<>(row, SYNCED, Math.max(1, Duration.between(now, row.export().expiresAt()).toMillis()))
                : Converged.applied(row);
    }

    @Override
    StatusWrite observe(Reconcilable row, Reconcilable after, Condition synced) {
        VolumeExport was = row.export();
        Observed seen;
        if (!clock.instant().isBefore(was.expiresAt())) {
            seen = new Observed(ExportPhase.EXPIRED, null, List.of());
        } else {
            VirtualMachineExport actual = cache.get(VirtualMachineExport.class, namespace(row),
                    VolumeExportObjects.exportName(desired(row, true)));
            seen = VolumeExportPhases.of(actual, was.volume(), synced);
        }
        if (seen.phase() == was.phase() && Objects.equals(seen.message(), was.message()) && seen.links().equals(was.links())
                && row.generation() == row.observedGeneration()) {
            return null;
        }
        return new StatusWrite(row.id(), row.generation(), seen);
    }

    @Override
    void write(List<StatusWrite> statuses) {
        statuses.forEach(s -> rows.writeStatus(s.id(), s.generation(), s.observed()).await().atMost(Sql.AWAIT));
    }

    /** The objects as they should be; the token is opened only for a live export, whose Secret holds it. */
    private DesiredVolumeExport desired(Reconcilable row, boolean live) {
        return new DesiredVolumeExport(row.id(), row.tenant(), namespace(row), row.export().volume(),
                live ? rows.openToken(row.tokenSealed()) : null, row.export().ttlSeconds(), live);
    }

    private static String namespace(Reconcilable row) {
        return TenantObjects.namespaceName(row.tenant());
    }

    /** The Secret holding the token, key {@code token}, which the VirtualMachineExport names. */
    static final class TokenSecret extends Dependent<DesiredVolumeExport, Secret> {
        TokenSecret() {
            super(Secret.class, Map.of(Labels.KIND, VolumeExportObjects.KIND), Orphans.DELETED, DesiredVolumeExport::namespace);
        }

        @Override
        Secret desired(DesiredVolumeExport d) {
            return VolumeExportObjects.tokenSecret(d);
        }

        @Override
        String name(DesiredVolumeExport d) {
            return VolumeExportObjects.secretName(d);
        }

        @Override
        boolean matches(DesiredVolumeExport d, Secret want, Secret have) {
            return VolumeExportObjects.secretMatches(want, have);
        }
    }

    /** The VirtualMachineExport of the volume's PVC. */
    static final class Exports extends Dependent<DesiredVolumeExport, VirtualMachineExport> {
        Exports() {
            super(VirtualMachineExport.class, Map.of(Labels.KIND, VolumeExportObjects.KIND), Orphans.DELETED,
                    DesiredVolumeExport::namespace);
        }

        @Override
        VirtualMachineExport desired(DesiredVolumeExport d) {
            return VolumeExportObjects.export(d);
        }

        @Override
        String name(DesiredVolumeExport d) {
            return VolumeExportObjects.exportName(d);
        }

        @Override
        boolean matches(DesiredVolumeExport d, VirtualMachineExport want, VirtualMachineExport have) {
            return VolumeExportObjects.exportMatches(want, have);
        }
    }
}
