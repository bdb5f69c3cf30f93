package io.nuage.reconciler;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.smallrye.mutiny.Uni;

/**
 * Reconciles one kind of Nuage resource (tenant, instance, volume...). The loop finds every
 * implementation, routes work items to it by {@link #kind()}, starts the informers it
 * declares, and asks it which ids still live when collecting orphans. Adding a kind touches
 * its own classes only.
 */
public interface KindReconciler {

    /** The work item kind, also the key watch events are enqueued under. */
    String kind();

    /** One level-triggered pass for one resource. */
    Outcome reconcile(UUID id);

    /** SQL selecting the ids of every live resource of this kind: the periodic resync enqueues them all. */
    String liveIdsQuery();

    /** Which of these ids are live resources of this kind; objects of the others are orphans. */
    Uni<Set<UUID>> live(List<UUID> ids);

    /** The cluster objects this kind owns, watched so that their changes enqueue a pass. */
    default List<Watched> watches() {
        return List.of();
    }

    /**
     * Objects of {@code type} carrying our managed-by label plus {@code labels}, watched for
     * this kind. With {@code collectOrphans}, the resync deletes those whose resource is gone.
     */
    record Watched(Class<? extends HasMetadata> type, Map<String, String> labels, boolean collectOrphans) {
    }
}
