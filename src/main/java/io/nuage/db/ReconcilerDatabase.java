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
 * <p>The pool plans each statement once ({@code plan_cache_mode = force_generic_plan}) and never with a sequential
 * scan ({@code enable_seqscan = off}): every statement on it finds its rows by primary key, over an array of ids,
 * and a plan is kept for the connection's life, so one made while the tables were nearly empty would scan them
 * whole forever after (docs/benchmarks.md, "a batch's rows are read, and its statuses written, in one statement
 * each"). The API's pool keeps PostgreSQL's choices.
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
