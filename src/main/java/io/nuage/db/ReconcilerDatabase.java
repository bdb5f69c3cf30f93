package io.nuage.db;

import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nuage.platform.NuageConfig;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * The reconciler's own connections to the application's database: a small pool for the statements of a batch of
 * passes, and the options of the LISTEN connection. Both connect as the API's pool does (URL and credentials; TLS,
 * if any, through the URL's {@code sslmode}).
 *
 * <p>The pool plans each statement once ({@code plan_cache_mode = force_generic_plan}), and never with a sequential
 * scan ({@code enable_seqscan = off}). A batch's rows are read and its statuses written by primary key, as one
 * statement over an array of ids. Left to choose, PostgreSQL plans such a statement again on every call, since its
 * custom plan knows the array's length and so always looks cheaper than the generic one; planning the batch read cost
 * four times its execution. With one row per statement instead, as before, every row paid for an execution of its
 * own. A key lookup's generic plan is the plan: nothing on this pool depends on a parameter's value. But a plan made
 * once is kept for the connection's life, and the first one is made when the tables may still be nearly empty, when
 * a sequential scan is cheapest: the benchmark's first plans kept scanning every instance (2,495 scans of 4.2 million
 * rows) as the table grew. Every statement on this pool finds its rows through an index. The API's pool keeps
 * PostgreSQL's choices.
 */
@Singleton
public class ReconcilerDatabase {

    private final PgConnectOptions options;
    private final Pool pool;

    ReconcilerDatabase(NuageConfig config, Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.options = PgConnectOptions.fromUri(url);
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        PgConnectOptions passes = new PgConnectOptions(options).setCachePreparedStatements(true)
                .addProperty("plan_cache_mode", "force_generic_plan").addProperty("enable_seqscan", "off");
        passes.setMetricsName("nuage-reconciler");
        // A worker runs its batch's statements one after the other: one connection each.
        this.pool = Pool.newInstance(PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(config.reconciler().workers()).setName("nuage-reconciler"))
                .connectingTo(passes).using(vertx).build());
    }

    /** The pool for the statements of a batch of passes, planned once. */
    public Pool pool() {
        return pool;
    }

    /** Options for a connection of the reconciler's own, apart from the pools (its LISTEN). */
    public PgConnectOptions connectOptions() {
        return new PgConnectOptions(options);
    }

    @PreDestroy
    void close() {
        pool.closeAndAwait();
    }
}
