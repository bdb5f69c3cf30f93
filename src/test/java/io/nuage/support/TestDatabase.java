package io.nuage.support;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.vertx.pgclient.PgConnectOptions;

/** The test application's database, for tests that open a connection of their own (to LISTEN, say). */
public final class TestDatabase {

    private TestDatabase() {
    }

    /** Options for a connection to the database the application uses, as its own LISTEN connection builds them. */
    public static PgConnectOptions connectOptions() {
        Config config = ConfigProvider.getConfig();
        PgConnectOptions options = PgConnectOptions.fromUri(config.getValue("quarkus.datasource.reactive.url", String.class));
        config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(options::setUser);
        config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(options::setPassword);
        return options;
    }
}
