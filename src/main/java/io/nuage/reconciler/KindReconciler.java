package io.nuage.reconciler;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.nuage.kubevirt.Labels;
import io.nuage.work.WorkKind;

/**
 * Reconciles one kind of Nuage resource (tenant, instance, volume...). The loop finds every
 * implementation, routes work items to it by {@link #kind()}, starts the informers it
 * declares, and asks it which ids still live when collecting orphans. Adding a kind touches
 * its own classes only.
 */
public interface KindReconciler {

    /** The work item kind, also the key watch events are enqueued under; its table holds the resources. */
    WorkKind kind();

    /** One level-triggered pass for one resource. */
    Outcome reconcile(UUID id);

    /**
     * Passes over resources claimed together, one outcome per id. By default one after the other; a kind overrides
     * it to read and write the database once for all of them. A failure is that resource's outcome
     * ({@link Outcome#failed}): the others go on.
     */
    default Map<UUID, Outcome> reconcileAll(List<UUID> ids) {
        Map<UUID, Outcome> outcomes = new LinkedHashMap<>();
        for (UUID id : ids) {
            try {
                outcomes.put(id, reconcile(id));
            } catch (RuntimeException e) {
                outcomes.put(id, Outcome.failed(e));
            }
        }
        return outcomes;
    }

    /** The cluster objects this kind owns, watched so that their changes enqueue a pass. */
    default List<Watched> watches() {
        return List.of();
    }

    /**
     * Objects of {@code type} carrying our managed-by and installation labels plus {@code labels}, watched for
     * this kind; {@code orphans} says what the resync does with those whose resource is gone. {@code perNamespace}:
     * watched in each of this installation's namespaces rather than in all at once, for the types Nuage may read only
     * there (Secrets and PVCs may hold secrets: deploy/kubernetes.yaml grants them per tenant namespace).
     */
    record Watched(Class<? extends HasMetadata> type, Map<String, String> labels, Orphans orphans, boolean perNamespace) {

        /** Watched in all namespaces. */
        Watched(Class<? extends HasMetadata> type, Map<String, String> labels, Orphans orphans) {
            this(type, labels, orphans, false);
        }
    }

    /**
     * The kind whose resource owns the object: the one its {@link Labels#KIND} label names, where a type is watched for
     * several kinds (DataVolumes: volumes' and images'), else the kind that watches it.
     */
    static WorkKind ownerKind(HasMetadata o, WorkKind watching) {
        String kind = o.getMetadata().getLabels() == null ? null : o.getMetadata().getLabels().get(Labels.KIND);
        // Labels are written with hyphens (public-ip, instance-type), work kinds' keys with underscores.
        return Arrays.stream(WorkKind.values()).filter(k -> k.key().replace('_', '-').equals(kind == null ? null : kind.replace('_', '-')))
                .findFirst().orElse(watching);
    }

    /** What the resync does with a watched object whose resource is not live in this installation's database. */
    enum Orphans {
        /** Nothing: objects Nuage only reads (KubeVirt's and CDI's, which go with their owner). */
        KEPT,
        /** Deleted: objects a pass rebuilds from the database whenever they are wanted. */
        DELETED,
        /**
         * Data (disks, snapshots), deleted only when this database shows its resource deleted (a tombstone). One that
         * names a resource this database never had (written by a newer state of it, before a restore from an older
         * backup?) is reported and kept: losing a disk is not undone by restoring the database again.
         */
        DELETED_IF_TOMBSTONED
    }
}
