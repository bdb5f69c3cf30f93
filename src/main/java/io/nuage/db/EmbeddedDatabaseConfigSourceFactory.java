package io.nuage.db;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Points the datasource at the embedded PostgreSQL when no database URL is configured.
 * With {@code quarkus.datasource.reactive.url} set (environment, system property or file),
 * this factory contributes nothing and Nuage uses that server.
 */
public class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    static final String REACTIVE_URL = "quarkus.datasource.reactive.url";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (value(context, REACTIVE_URL) != null || !isApplicationStart()) {
            return List.of();
        }
        String dataDir = value(context, "nuage.data-dir");
        boolean clean = Boolean.parseBoolean(value(context, "nuage.database.reset-embedded"));
        EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(dataDir == null ? ".nuage" : dataDir), clean);
        // 127.0.0.1, not localhost: the server listens there alone, and localhost may resolve to ::1 first.
        String hostPort = "127.0.0.1:" + db.port() + "/postgres";
        return List.of(new PropertiesConfigSource(Map.of(
                REACTIVE_URL, "postgresql://" + hostPort,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", db.password(),
                "nuage.database.embedded", "true"), "nuage-embedded-postgres", 50));
    }

    @Override
    public OptionalInt getPriority() {
        // Lowest: anything configured explicitly wins.
        return OptionalInt.of(50);
    }

    /**
     * Only the application's own start (Quarkus' generated runtime configuration) needs the
     * database; the build (augmentation) and plain JUnit JVMs also read configuration and must
     * not start a server.
     */
    private static boolean isApplicationStart() {
        for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
            if (frame.getClassName().startsWith("io.quarkus.runtime.generated.Config")) {
                return true;
            }
        }
        return false;
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue v = context.getValue(name);
        return v == null || v.getValue() == null || v.getValue().isBlank() ? null : v.getValue();
    }
}
