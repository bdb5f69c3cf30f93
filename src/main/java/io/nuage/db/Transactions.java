package io.nuage.db;

import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Where the stores' statements run. Alone, each write is its own transaction (or one autocommit statement). Inside
 * {@link #together}, every statement of the request, reads included, runs in one transaction that commits or rolls back
 * as a whole: an environment's members are created all or none, and a dry run does everything and then rolls back, so
 * it answers exactly what would happen and changes nothing.
 * <p>
 * The shared transaction is kept on the request's Vert.x (duplicated) context, which the reactive chain of one request
 * stays on. The reconciler's threads have no such context, so they always use the pool.
 */
@ApplicationScoped
public class Transactions {

    private static final String SHARED = Transactions.class.getName() + ".shared";

    private final Pool pool;

    Transactions(Pool pool) {
        this.pool = pool;
    }

    /** What a statement runs on: the request's shared transaction if there is one, else the pool. */
    public SqlClient client() {
        SqlConnection shared = shared();
        return shared != null ? shared : pool;
    }

    /** {@code work} in a transaction of its own, or as part of the shared one. */
    public <T> Uni<T> transaction(Function<SqlConnection, Uni<T>> work) {
        SqlConnection shared = shared();
        return shared != null ? work.apply(shared) : pool.withTransaction(work);
    }

    /**
     * Runs {@code work} (called inside, so that what it assembles sees the shared transaction) with every statement in one
     * transaction, committed at the end unless {@code rollback}: a dry run. A failure rolls everything back.
     */
    public <T> Uni<T> together(boolean rollback, Supplier<Uni<T>> work) {
        if (!VertxContext.isOnDuplicatedContext()) {
            throw new IllegalStateException("a shared transaction needs a request's context");
        }
        if (shared() != null) {
            return work.get();
        }
        Uni<T> run = pool.withTransaction(tx -> {
            ContextLocals.put(SHARED, tx);
            Uni<T> done = work.get();
            return rollback ? done.onItem().transformToUni(result -> Uni.createFrom().failure(new RolledBack(result))) : done;
        }).eventually(() -> {
            ContextLocals.remove(SHARED);
        });
        return run.onFailure(RolledBack.class).recoverWithItem(f -> ((RolledBack) f).<T> result());
    }

    private static SqlConnection shared() {
        return VertxContext.isOnDuplicatedContext() ? ContextLocals.<SqlConnection> get(SHARED).orElse(null) : null;
    }

    /** Carries a dry run's answer through the rollback that undoes it. */
    private static final class RolledBack extends RuntimeException {
        private final transient Object result;

        RolledBack(Object result) {
            super("dry run: rolled back", null, false, false);
            this.result = result;
        }

        @SuppressWarnings("unchecked")
        <T> T result() {
            return (T) result;
        }
    }
}
