package io.nuage.reconciler;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nuage.db.Sql;
import io.nuage.status.Condition;
import io.nuage.status.ConditionStatus;
import io.nuage.work.WorkKind;
import io.smallrye.mutiny.Uni;

/**
 * The one skeleton of a pass over a resource that owns Kubernetes objects: load its row, finish its deletion or
 * converge its dependents, observe, and write the status only when it changed. A kind supplies the steps;
 * failures reach the resource's status here, in one place.
 *
 * @param <R> the row a pass reads: desired state, last status, and what the pass itself changes (a wither)
 * @param <W> a status to write, gathered for the batch's one write
 */
abstract class ResourceReconciler<R, W> implements KindReconciler {

    /** What converging came to, for the row as the pass leaves it. */
    record Converged<R>(R row, Condition synced, long retryMillis) {

        static <R> Converged<R> applied(R row) {
            return new Converged<>(row, SYNCED, -1);
        }

        /** Not converged yet, for a reason the status shows ({@code Synced=False}); look again after a delay. */
        static <R> Converged<R> waiting(R row, String reason, String message, long retryMillis) {
            return new Converged<>(row, new Condition("Synced", ConditionStatus.FALSE, reason, message, null), retryMillis);
        }

        /** Not converged yet for a passing reason the status need not show: look again after a delay. */
        static <R> Converged<R> later(R row, long retryMillis) {
            return new Converged<>(row, null, retryMillis);
        }
    }

    static final Condition SYNCED = new Condition("Synced", ConditionStatus.TRUE, "Applied", null, null);

    private final WorkKind kind;
    final ClusterCache cache;
    final ClusterWrites writes;
    final Clock clock;

    ResourceReconciler(WorkKind kind, ClusterCache cache, ClusterWrites writes, Clock clock) {
        this.kind = kind;
        this.cache = cache;
        this.writes = writes;
        this.clock = clock;
    }

    @Override
    public final WorkKind kind() {
        return kind;
    }

    /** The live rows among {@code ids}, by id; gone or tombstoned ones are absent (their orphans are the resync's). */
    abstract Map<UUID, R> load(List<UUID> ids);

    abstract boolean deleting(R row);

    /** Deletes the dependents; the row becomes a tombstone once they are gone. */
    abstract Outcome delete(R row);

    /** Makes the cluster hold the dependents the row asks for. */
    abstract Converged<R> converge(R row);

    /**
     * The status the pass observed, from the row as loaded and as converging left it, with {@code synced} saying
     * whether the cluster holds what was asked for; null when nothing changed, so an idle pass writes nothing.
     */
    abstract W observe(R loaded, R after, Condition synced);

    abstract void write(List<W> statuses);

    /** After a pass that converged: what it may record of the cluster besides the status. */
    void converged(R row) {
    }

    @Override
    public Outcome reconcile(UUID id) {
        Outcome outcome = reconcileAll(List.of(id)).get(id);
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome;
    }

    /** The passes of a batch share one read and one status write. A failure is that resource's outcome. */
    @Override
    public final Map<UUID, Outcome> reconcileAll(List<UUID> ids) {
        Map<UUID, R> rows = load(ids);
        Map<UUID, Outcome> outcomes = new LinkedHashMap<>();
        List<W> statuses = new ArrayList<>();
        for (UUID id : ids) {
            R row = rows.get(id);
            try {
                outcomes.put(id, row == null ? Outcome.DONE : pass(row, statuses));
            } catch (RuntimeException e) {
                outcomes.put(id, Outcome.failed(e));
            }
        }
        write(statuses);
        return outcomes;
    }

    private Outcome pass(R row, List<W> statuses) {
        if (deleting(row)) {
            return delete(row);
        }
        Converged<R> converged;
        try {
            converged = converge(row);
        } catch (KubernetesClientException e) {
            if (KubernetesErrors.isWriteConflict(e)) {
                return Outcome.requeueAfter(0); // someone wrote first: read again and redo the pass
            }
            add(statuses, observe(row, row, KubernetesErrors.syncFailed(e)));
            return Outcome.failed(e);
        }
        if (converged.synced() == null) {
            return Outcome.requeueAfter(converged.retryMillis());
        }
        add(statuses, observe(row, converged.row(), converged.synced()));
        if (converged.retryMillis() >= 0) {
            return Outcome.requeueAfter(converged.retryMillis());
        }
        converged(converged.row());
        return Outcome.DONE;
    }

    private void add(List<W> statuses, W status) {
        if (status != null) {
            statuses.add(status);
        }
    }

    /** Rows read one at a time, for kinds whose passes are too few to batch. */
    static <R> Map<UUID, R> each(List<UUID> ids, Function<UUID, Uni<R>> read) {
        Map<UUID, R> rows = new LinkedHashMap<>();
        for (UUID id : ids) {
            R row = read.apply(id).await().atMost(Sql.AWAIT);
            if (row != null) {
                rows.put(id, row);
            }
        }
        return rows;
    }

    /** The watches of the dependents, then of the objects the kind only reads. */
    static List<Watched> watches(List<? extends Dependent<?, ?>> dependents, Watched... readOnly) {
        List<Watched> watched = new ArrayList<>();
        dependents.forEach(d -> watched.add(d.watched()));
        watched.addAll(List.of(readOnly));
        return watched.stream().distinct().toList(); // two dependents of one type share its watch
    }
}
