package io.nuage.tenancy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.nuage.platform.NuageConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * The operator token: NUAGE_ADMIN_TOKEN (nuage.admin-token) when set. Otherwise, in embedded
 * mode, a token generated at first start into {@code <data-dir>/admin-token} (mode 0600) and
 * read back on later starts; its path is logged, never the token. A server on an external
 * database without a configured token refuses to start.
 */
@Singleton
public class AdminToken {

    private static final Logger LOG = Logger.getLogger(AdminToken.class);
    private static final int MIN_LENGTH = 32;

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

    private static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                LOG.infof("Admin token: read it from %s", file);
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(file.getParent());
            String token = "nuage_admin_" + Tokens.newSecret();
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            LOG.infof("Admin token generated: read it from %s", file);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the admin token file " + file, e);
        }
    }
}
