package io.nuage.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Seals tenant secrets (cloud-init user data) before they reach the database: AES-256-GCM
 * with a random 96-bit nonce. The key is NUAGE_SECRET_KEY (base64 of 32 bytes); in embedded
 * mode without one, a key is generated once into {@code <data-dir>/secret-key} (0600).
 */
@Singleton
public class SecretBox {

    private static final Logger LOG = Logger.getLogger(SecretBox.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    @Inject
    SecretBox(NuageConfig config) {
        byte[] raw = config.secretKey().filter(k -> !k.isBlank()).map(k -> Base64.getDecoder().decode(k.trim()))
                .orElseGet(() -> {
                    if (!config.database().embedded()) {
                        throw new IllegalStateException("No secret key: set NUAGE_SECRET_KEY to base64 of 32 random bytes");
                    }
                    return readOrCreate(Path.of(config.dataDir()).resolve("secret-key").toAbsolutePath());
                });
        this.key = key(raw);
    }

    /** A box on a raw 32-byte key: for tests. */
    SecretBox(byte[] raw) {
        this.key = key(raw);
    }

    private static SecretKeySpec key(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalStateException("nuage.secret-key must be base64 of exactly 32 bytes");
        }
        return new SecretKeySpec(raw, "AES");
    }

    void failFastAtStartup(@Observes StartupEvent event) {
        // Resolving the bean at start-up makes a missing key fail the start, not the first
        // create, and keeps the key file's I/O off the event loop.
    }

    public byte[] seal(String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal", e);
        }
    }

    public String open(byte[] box) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, box, 0, NONCE_BYTES));
            return new String(c.doFinal(box, NONCE_BYTES, box.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open a sealed value: wrong NUAGE_SECRET_KEY?", e);
        }
    }

    private static byte[] readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            Files.createDirectories(file.getParent());
            byte[] raw = new byte[32];
            RANDOM.nextBytes(raw);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getEncoder().encodeToString(raw) + "\n");
            LOG.infof("Secret key for user data generated in %s: back it up with the database", file);
            return raw;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the secret key file " + file, e);
        }
    }
}
