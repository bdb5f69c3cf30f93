package io.nuage.platform;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Nuage's own settings ({@code nuage.*}); see application.properties for what each means. */
@ConfigMapping(prefix = "nuage")
public interface NuageConfig {

    String dataDir();

    Optional<String> adminToken();

    /** Base64 of 32 bytes; seals user data in the database (SecretBox). */
    Optional<String> secretKey();

    List<String> regions();

    String defaultRegion();

    TenantDefaults tenantDefaults();

    Database database();

    interface TenantDefaults {
        int vcpus();

        long memoryMib();

        int storageGib();

        int instances();

        double slaTarget();
    }

    interface Database {
        /** Set by EmbeddedDatabaseConfigSourceFactory when it started the embedded server. */
        @WithDefault("false")
        boolean embedded();

        /** Tests only: wipe the embedded data directory before starting. */
        @WithDefault("false")
        boolean resetEmbedded();
    }
}
