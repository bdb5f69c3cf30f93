package io.nuage.reconciler;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.nuage.db.Sql;
import io.nuage.image.ImagePhase;
import io.nuage.image.ImageRows;
import io.nuage.image.ImageRows.Reconcilable;
import io.nuage.image.ImageRows.Ref;
import io.nuage.image.ImageStatus;
import io.nuage.kubevirt.DataSource;
import io.nuage.kubevirt.DataVolume;
import io.nuage.kubevirt.DataVolumeSource;
import io.nuage.kubevirt.DesiredImage;
import io.nuage.kubevirt.ImageObjects;
import io.nuage.kubevirt.TenantObjects;
import io.nuage.kubevirt.VolumeObjects;
import io.nuage.platform.NuageConfig;
import io.nuage.reconciler.ImageDependents.ImageDataSource;
import io.nuage.reconciler.ImageDependents.ImageDataVolume;
import io.nuage.reconciler.ImageDependents.Model;
import io.nuage.sla.Category;
import io.nuage.sla.Ledger;
import io.nuage.sla.Observation;
import io.nuage.sla.PhaseCategories;
import io.nuage.status.Condition;
import io.nuage.status.ConditionStatus;
import io.nuage.status.Conditions;
import io.nuage.storage.VolumePhase;
import io.nuage.storage.VolumeSource;
import io.nuage.work.WorkKind;

/**
 * A pass over an image: the DataVolume that imports it once into a PVC, and the DataSource that publishes that PVC,
 * in the tenant's namespace or the catalog's; the image is ready once CDI reports the DataSource Ready. A tenant image
 * is recorded in the ledger like a volume (its storage, from creation to deletion); the catalog's are nobody's.
 */
@Singleton
public class ImageReconciler extends ResourceReconciler<Reconcilable, ImageReconciler.StatusWrite> {

    record StatusWrite(UUID id, long generation, ImageStatus status) {
    }

    private final ImageRows rows;
    private final ImageCatalog catalog;
    private final VolumeSources sources;
    private final Ledger ledger;
    private final ImageDataVolume dataVolume = new ImageDataVolume();
    private final ImageDataSource dataSource = new ImageDataSource();
    /** As volumes': the installation's default class, else the cluster's. */
    private final String storageClass;

    ImageReconciler(ImageRows rows, ImageCatalog catalog, Cluster cluster, ClusterCache cache, ClusterWrites writes, Ledger ledger,
            Clock clock, NuageConfig config) {
        super(WorkKind.IMAGE, cache, writes, clock);
        this.storageClass = config.storage().defaultClass().orElse(null);
        this.rows = rows;
        this.catalog = catalog;
        this.sources = new VolumeSources(cluster, cache);
        this.ledger = ledger;
    }

    /**
     * The DataSources. DataVolumes and PVCs are watched once, with the volumes' (a type has one informer): their
     * {@code nuage.io/kind=image} label sends an image's events here, and its orphans are checked against images.
     */
    @Override
    public List<Watched> watches() {
        return watches(List.of(dataSource));
    }

    @Override
    Map<UUID, Reconcilable> load(List<UUID> ids) {
        return each(ids, rows::reconcilable);
    }

    @Override
    boolean deleting(Reconcilable row) {
        return row.deleting();
    }

    /** The DataSource first (nothing new clones from it), then the DataVolume, whose PVC goes with it. */
    @Override
    Outcome delete(Reconcilable row) {
        observe(row, Category.STOPPED, "Deletion requested");
        DataSource ds = own(DataSource.class, row);
        if (ds != null) {
            writes.delete(ds);
        }
        DataVolume dv = own(DataVolume.class, row);
        if (dv != null && dv.getMetadata().getDeletionTimestamp() == null) {
            writes.delete(dv);
        }
        if (own(DataVolume.class, row) != null) {
            return Outcome.requeueAfter(1000); // finalizers still at work
        }
        rows.tombstone(row.id(), clock.instant()).await().atMost(Sql.AWAIT);
        observe(row, Category.DELETED, "Deleted");
        return Outcome.DONE;
    }

    @Override
    Converged<Reconcilable> converge(Reconcilable row) {
        if (row.ref().inCatalog()) {
            String refused = catalog.ensure();
            if (refused != null) {
                return Converged.waiting(row, "NamespaceNotOurs", refused, 5000);
            }
        }
        String namespace = namespace(row);
        String name = objectName(row);
        DataVolume named = cache.get(DataVolume.class, namespace, name);
        if (named != null && !row.id().equals(ClusterCache.resourceId(named))) {
            return Converged.waiting(row, "NameInUse", "A DataVolume named '" + name + "' that is not this image's exists"
                    + " (a volume's, or an earlier image's being deleted?)", 2000);
        }
        DataVolume own = own(DataVolume.class, row);
        DataVolumeSource source = source(row, namespace, own);
        if (source == null) {
            return Converged.waiting(row, "SnapshotNotReady", "Waiting for the content of snapshot '" + row.source().snapshot() + "'",
                    2000);
        }
        Ref ref = row.ref();
        Model model = new Model(new DesiredImage(ref.id(), ref.tenant(), namespace, name, row.sizeGib(), storageClass, source), own);
        dataVolume.converge(writes, model);
        dataSource.converge(writes, model);
        return Converged.applied(row);
    }

    @Override
    StatusWrite observe(Reconcilable row, Reconcilable after, Condition synced) {
        VolumePhases.Observed imported = VolumePhases.observe(own(DataVolume.class, row));
        DataSource ds = own(DataSource.class, row);
        boolean published = ds != null && ds.getStatus() != null && ds.getStatus().ready();
        ImagePhase phase = phase(imported.phase(), published);
        String message = imported.phase() == VolumePhase.READY && !published
                ? "Imported; waiting for CDI to report its DataSource Ready" : imported.message();
        List<Condition> conditions = new ArrayList<>();
        conditions.add(new Condition("Ready", ConditionStatus.of(phase == ImagePhase.READY), Conditions.reasonOf(phase.key()),
                message, null));
        conditions.add(synced);
        long capacity = VolumeObjects.capacityBytes(cache.get(PersistentVolumeClaim.class, namespace(row), objectName(row)));
        Integer sizeGib = capacity < 0 ? null : (int) ((capacity + VolumeObjects.bytes(1) - 1) / VolumeObjects.bytes(1));
        ImageStatus status = new ImageStatus(phase, imported.progress(), sizeGib, phase == ImagePhase.READY ? row.checksum() : null,
                synced.status() == ConditionStatus.FALSE ? synced.message() : message,
                Conditions.withTransitionTimes(row.status().conditions(), conditions, clock.instant().truncatedTo(ChronoUnit.SECONDS)),
                row.generation());
        observe(row, PhaseCategories.volume(phase.key()), status.message());
        return status.equals(row.status()) ? null : new StatusWrite(row.id(), row.generation(), status);
    }

    @Override
    void write(List<StatusWrite> statuses) {
        statuses.forEach(s -> rows.writeStatus(s.id(), s.generation(), s.status()).await().atMost(Sql.AWAIT));
    }

    /** Imported by CDI is not enough: boot disks clone the DataSource, so the image is ready when that is. */
    static ImagePhase phase(VolumePhase imported, boolean published) {
        return switch (imported) {
            case READY -> published ? ImagePhase.READY : ImagePhase.IMPORTING;
            case IMPORTING -> ImagePhase.IMPORTING;
            case FAILED -> ImagePhase.FAILED;
            default -> ImagePhase.PENDING;
        };
    }

    /** What the DataVolume copies: a URL (checked against the checksum given), an image, or a snapshot's VolumeSnapshot. */
    private DataVolumeSource source(Reconcilable row, String namespace, DataVolume existing) {
        VolumeSource s = row.source();
        return switch (s.type()) {
            case IMAGE_URL -> DataVolumeSource.http(s.imageUrl(), row.checksum());
            case REGISTRY -> DataVolumeSource.registry("docker://" + s.registry());
            case SNAPSHOT -> existing != null && existing.getSpec() != null && existing.getSpec().source != null
                    ? existing.getSpec().source : sources.snapshotSource(namespace, s.snapshot(), s.volume());
            case BLANK -> throw new IllegalStateException("An image is never blank");
        };
    }

    /** The image's object of that type, or null; one of the same name made for something else is not this image's. */
    private <T extends HasMetadata> T own(Class<T> type, Reconcilable row) {
        T o = cache.get(type, namespace(row), objectName(row));
        return o != null && row.id().equals(ClusterCache.resourceId(o)) ? o : null;
    }

    private String namespace(Reconcilable row) {
        return row.ref().inCatalog() ? catalog.namespace() : TenantObjects.namespaceName(row.ref().tenant());
    }

    private static String objectName(Reconcilable row) {
        return ImageObjects.objectName(row.ref().name(), !row.ref().inCatalog());
    }

    /** A tenant image's storage is billed by its size from creation to deletion; the catalog's by nobody. */
    private void observe(Reconcilable row, Category category, String reason) {
        Ref ref = row.ref();
        if (ref.inCatalog()) {
            return;
        }
        ledger.observe(new Observation(ref.id(), ref.tenantId(), Observation.Kind.IMAGE, ref.name(), null, ref.createdAt(),
                clock.instant(), category, reason, false, new Observation.Sizes(0, 0, row.sizeGib()),
                ObservationGap.since(row.status().conditions())), row.recorded());
    }
}
