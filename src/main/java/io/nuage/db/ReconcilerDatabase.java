package io.nuage.db;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nuage.platform.NuageConfig;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.PoolOptions;

/**
 * The reconciler's own connections to the application's database: a small pool for the statements of a batch of
 * passes, and the options of the LISTEN connection. Both connect as the API's pool does (URL, credentials and the
 * pool's TLS settings).
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
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            @ConfigProperty(name = "quarkus.datasource.reactive.postgresql.ssl-mode") Optional<String> sslMode,
            @ConfigProperty(name = "quarkus.datasource.reactive.trust-certificate-pem.certs") Optional<List<String>> caFiles,
            @ConfigProperty(name = "quarkus.datasource.reactive.hostname-verification-algorithm") Optional<String> hostnameCheck) {
        this.options = connectOptions(url, user, password, new Tls(sslMode, caFiles.orElse(List.of()), hostnameCheck));
        PgConnectOptions passes = new PgConnectOptions(options).setCachePreparedStatements(true)
                .addProperty("plan_cache_mode", "force_generic_plan").addProperty("enable_seqscan", "off");
        passes.setMetricsName("nuage-reconciler");
        // A worker runs its batch's statements one after the other: one connection each.
        this.pool = Pool.newInstance(PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(config.reconciler().workers()).setName("nuage-reconciler"))
                .connectingTo(passes).using(vertx).build());
    }

    /** The TLS settings of the API's pool, which the reconciler's connections take too. */
    record Tls(Optional<String> sslMode, List<String> caFiles, Optional<String> hostnameCheck) {
    }

    /**
     * Connections as the API's pool makes them: URL and credentials, then its TLS settings, so that
     * {@code sslmode=verify-full} (which Vert.x refuses without a CA and a hostname check) works here too.
     */
    static PgConnectOptions connectOptions(String url, Optional<String> user, Optional<String> password, Tls tls) {
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        tls.sslMode().ifPresent(mode -> options.setSslMode(SslMode.of(mode)));
        if (!tls.caFiles().isEmpty()) {
            PemTrustOptions trust = new PemTrustOptions();
            tls.caFiles().forEach(trust::addCertPath);
            options.setTrustOptions(trust);
        }
        tls.hostnameCheck().filter(a -> !a.equalsIgnoreCase("NONE")).ifPresent(options::setHostnameVerificationAlgorithm);
        return options;
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
