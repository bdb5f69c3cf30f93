package io.nuage.reconciler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.nuage.compute.InstanceStore;
import io.nuage.platform.NuageConfig;
import io.quarkus.scheduler.Scheduled;

/**
 * The periodic full resync that makes the reconciler correct whatever events were missed:
 * every tenant and instance gets a pass, and objects with our labels whose resource no
 * longer exists (orphans) are deleted.
 */
@Singleton
public class Resync {

    private static final Logger LOG = Logger.getLogger(Resync.class);
    private static final Duration DB = Duration.ofSeconds(60);

    private final NuageConfig config;
    private final WorkQueue queue;
    private final ClusterCache cache;
    private final Cluster cluster;
    private final InstanceStore instances;

    Resync(NuageConfig config, WorkQueue queue, ClusterCache cache, Cluster cluster, InstanceStore instances) {
        this.config = config;
        this.queue = queue;
        this.cache = cache;
        this.cluster = cluster;
        this.instances = instances;
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
        queue.enqueueAll(WorkQueue.TENANT, "SELECT id FROM tenants WHERE deleted_at IS NULL").await().atMost(DB);
        queue.enqueueAll(WorkQueue.INSTANCE, "SELECT id FROM instances WHERE deleted_at IS NULL").await().atMost(DB);
        int orphans = deleteOrphans(new ArrayList<>(cache.allVms())) + deleteOrphans(new ArrayList<>(cache.allSecrets()));
        if (orphans > 0) {
            LOG.infof("Resync deleted %d orphaned object(s)", orphans);
        }
        return orphans;
    }

    private int deleteOrphans(List<? extends HasMetadata> objects) {
        List<UUID> ids = objects.stream().map(ClusterCache::resourceId).filter(java.util.Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return 0;
        }
        Set<UUID> live = instances.live(ids).await().atMost(DB);
        int deleted = 0;
        for (HasMetadata o : objects) {
            UUID id = ClusterCache.resourceId(o);
            if (id != null && !live.contains(id)) {
                cluster.client().resource(o).delete();
                cache.deleted(o);
                deleted++;
            }
        }
        return deleted;
    }
}
