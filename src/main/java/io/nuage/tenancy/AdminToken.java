package io.nuage.tenancy;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.nuage.platform.NuageConfig;
import io.nuage.platform.SecretFiles;
import io.quarkus.runtime.StartupEvent;

/**
 * The operator token: NUAGE_ADMIN_TOKEN (nuage.admin-token) when set. Otherwise, in embedded
 * mode, a token generated at first start into {@code <data-dir>/admin-token} (mode 0600, written
 * atomically) and read back on later starts; a file holding fewer than 32 characters stops the
 * start. Its path is logged, never the token. A server on an external database without a
 * configured token refuses to start.
 */
@Singleton
public class AdminToken {

    private static final Logger LOG = Logger.getLogger(AdminToken.class);
    private static final int MIN_LENGTH = SecretFiles.MIN_LENGTH;

    private final byte[] hash;

    AdminToken(NuageConfig config) {
        String token = config.adminToken().filter(t -> !t.isBlank()).orElse(null);
        if (token != null) {
            if (token.length() < MIN_LENGTH) {
                throw new IllegalStateException("nuage.admin-token must be at least " + MIN_LENGTH + " characters");
            }
            LOG.info("Admin token taken from configuration (NUAGE_ADMIN_TOKEN)");
        } else if (config.database().embedded()) {
            token = readOrCreate(Path.of(config.dataDir()).resolve("admin-token").toAbsolutePath());
        } else {
            throw new IllegalStateException(
                    "No admin token: set NUAGE_ADMIN_TOKEN (at least " + MIN_LENGTH + " characters)");
        }
        this.hash = Tokens.sha256(token);
    }

    void failFastAtStartup(@Observes StartupEvent event) {
        // Resolving the bean at start-up makes a missing token fail the start, not the first request.
    }

    public boolean matches(String presented) {
        return Tokens.sameHash(hash, Tokens.sha256(presented));
    }

    /** The token in {@code file}, generated into it at first start; its path is logged, never the token. */
    private static String readOrCreate(Path file) {
        boolean existed = Files.exists(file);
        String token = SecretFiles.readOrCreate(file, "admin token", () -> "nuage_admin_" + Tokens.newSecret(),
                "write a token of at least " + MIN_LENGTH + " characters into it, or delete it to have a new one generated");
        LOG.infof(existed ? "Admin token: read it from %s" : "Admin token generated: read it from %s", file);
        return token;
    }
}
