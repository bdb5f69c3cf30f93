package io.nuage.reconciler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nuage.platform.NuageConfig;
import io.nuage.reconciler.KindReconciler.Orphans;
import io.nuage.work.WorkKind;
import io.quarkus.arc.All;
import io.quarkus.scheduler.Scheduled;

/**
 * The periodic full resync that makes the reconciler correct whatever events were missed:
 * every live resource of every kind gets a pass, and objects of this installation whose resource
 * no longer exists (orphans) are deleted. Only this installation's objects are looked at (the
 * cache selects on its label). Data whose resource this database never had is reported, never
 * deleted ({@link Orphans#DELETED_IF_TOMBSTONED}).
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
    private final MeterRegistry registry;
    private final Counter runs;
    /** By type, how many data objects the last resync kept because this database never had their resource. */
    private final Map<String, AtomicInteger> unknown = new ConcurrentHashMap<>();
    /** Unknown objects already logged: one WARN line each while it stays, not one per resync. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    Resync(NuageConfig config, WorkQueue queue, ClusterCache cache, ClusterWrites writes, @All List<KindReconciler> reconcilers,
            MeterRegistry registry) {
        this.config = config;
        this.queue = queue;
        this.cache = cache;
        this.writes = writes;
        this.reconcilers = reconcilers;
        this.registry = registry;
        this.runs = Counter.builder("nuage.resyncs").description("Full resyncs run by this replica").register(registry);
    }

    @Scheduled(every = "${nuage.reconciler.resync-interval}", delayed = "${nuage.reconciler.resync-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.reconciler().enabled()) {
            run();
        }
    }

    /**
     * At start, once the watches have listed the cluster and before other work is claimed: what changed while this
     * replica was away is found at once, not at the first periodic resync.
     */
    void runAtStart() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warn("The initial resync failed; the periodic one follows", e);
        }
    }

    /** One full resync; returns the number of orphans deleted. */
    public int run() {
        for (KindReconciler r : reconcilers) {
            queue.enqueueAll(r.kind()).await().atMost(WHOLE_TABLE);
        }
        int orphans = 0;
        List<String> unknownNow = new ArrayList<>();
        for (TypeWatch informed : cache.orphanCollecting()) {
            List<HasMetadata> kept = new ArrayList<>();
            Map<WorkKind, List<HasMetadata>> byOwner = informed.list().stream()
                    .collect(Collectors.groupingBy(o -> KindReconciler.ownerKind(o, informed.kind())));
            for (Map.Entry<WorkKind, List<HasMetadata>> owned : byOwner.entrySet()) {
                orphans += deleteOrphans(owned.getKey(), informed.watched().orphans(), owned.getValue(), kept);
            }
            if (informed.watched().orphans() == Orphans.DELETED_IF_TOMBSTONED) {
                report(informed.watched().type().getSimpleName(), kept, unknownNow);
            }
        }
        reported.retainAll(unknownNow);
        if (orphans > 0) {
            LOG.infof("Resync deleted %d orphaned object(s)", orphans);
        }
        runs.increment();
        return orphans;
    }

    /** Deletes the orphans among {@code objects}; data whose resource this database never had goes to {@code unknown}. */
    private int deleteOrphans(WorkKind owner, Orphans rule, List<? extends HasMetadata> objects, List<HasMetadata> unknown) {
        List<UUID> ids = objects.stream().map(ClusterCache::resourceId).filter(java.util.Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return 0;
        }
        Map<UUID, Boolean> known = queue.known(owner, ids).await().atMost(WHOLE_TABLE);
        int deleted = 0;
        for (HasMetadata o : objects) {
            UUID id = ClusterCache.resourceId(o);
            if (id == null || Boolean.TRUE.equals(known.get(id))) {
                continue;
            }
            if (rule == Orphans.DELETED_IF_TOMBSTONED && !known.containsKey(id)) {
                unknown.add(o);
                continue;
            }
            writes.delete(o);
            deleted++;
        }
        return deleted;
    }

    /** Sets the {@code nuage_unknown_objects} gauge of the type, and logs each object the first time it is kept. */
    private void report(String type, List<HasMetadata> kept, List<String> unknownNow) {
        unknown.computeIfAbsent(type, t -> {
            AtomicInteger count = new AtomicInteger();
            Gauge.builder("nuage.unknown.objects", count, AtomicInteger::get).tag("kind", t)
                    .description("Data objects of this installation kept by the last resync: their resource is unknown here")
                    .register(registry);
            return count;
        }).set(kept.size());
        for (HasMetadata o : kept) {
            String key = type + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
            unknownNow.add(key);
            if (reported.add(key)) {
                LOG.warnf("Kept %s: it carries this installation's label but names resource %s, which this database has never"
                        + " had (was the database restored from an older backup?). Nuage does not delete data it does not know;"
                        + " delete it by hand if it is not wanted", key, ClusterCache.resourceId(o));
            }
        }
    }
}
