package io.nuage.reconciler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.nuage.platform.NuageConfig;
import io.quarkus.arc.All;
import io.quarkus.scheduler.Scheduled;

/**
 * The periodic full resync that makes the reconciler correct whatever events were missed:
 * every live resource of every kind gets a pass, and objects with our labels whose resource
 * no longer exists (orphans) are deleted.
 */
@Singleton
public class Resync {

    private static final Logger LOG = Logger.getLogger(Resync.class);
    /** A resync's statements touch every live row of a kind: longer than one pass's. */
    private static final Duration WHOLE_TABLE = Duration.ofSeconds(60);

    private final NuageConfig config;
    private final WorkQueue queue;
    private final ClusterCache cache;
    private final ClusterWrites writes;
    private final List<KindReconciler> reconcilers;

    Resync(NuageConfig config, WorkQueue queue, ClusterCache cache, ClusterWrites writes, @All List<KindReconciler> reconcilers) {
        this.config = config;
        this.queue = queue;
        this.cache = cache;
        this.writes = writes;
        this.reconcilers = reconcilers;
    }

    @Scheduled(every = "${nuage.reconciler.resync-interval}", delayed = "${nuage.reconciler.resync-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.reconciler().enabled()) {
            run();
        }
    }

    /** One full resync; returns the number of orphans deleted. */
    public int run() {
        for (KindReconciler r : reconcilers) {
            queue.enqueueAll(r.kind()).await().atMost(WHOLE_TABLE);
        }
        int orphans = 0;
        for (ClusterCache.Informed informed : cache.orphanCollecting()) {
            KindReconciler owner = reconcilers.stream().filter(r -> r.kind().equals(informed.kind())).findFirst().orElseThrow();
            orphans += deleteOrphans(owner, new ArrayList<>(informed.informer().getIndexer().list()));
        }
        if (orphans > 0) {
            LOG.infof("Resync deleted %d orphaned object(s)", orphans);
        }
        return orphans;
    }

    private int deleteOrphans(KindReconciler owner, List<? extends HasMetadata> objects) {
        List<UUID> ids = objects.stream().map(ClusterCache::resourceId).filter(java.util.Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return 0;
        }
        Set<UUID> live = queue.live(owner.kind(), ids).await().atMost(WHOLE_TABLE);
        int deleted = 0;
        for (HasMetadata o : objects) {
            UUID id = ClusterCache.resourceId(o);
            if (id != null && !live.contains(id)) {
                writes.delete(o);
                deleted++;
            }
        }
        return deleted;
    }
}
