package io.nuage.platform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * mode without one, a key is generated once into {@code <data-dir>/secret-key} (0600, written atomically).
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
        String configured = config.secretKey().filter(k -> !k.isBlank()).orElse(null);
        if (configured != null) {
            this.key = key(decode(configured, "nuage.secret-key"));
        } else if (config.database().embedded()) {
            Path file = Path.of(config.dataDir()).resolve("secret-key").toAbsolutePath();
            this.key = key(decode(readOrCreate(file), "The secret key file " + file));
        } else {
            throw new IllegalStateException("No secret key: set NUAGE_SECRET_KEY to base64 of 32 random bytes");
        }
    }

    /** A box on a raw 32-byte key: for tests. */
    SecretBox(byte[] raw) {
        this.key = key(raw);
    }

    private static SecretKeySpec key(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalStateException("A secret key must be exactly 32 bytes");
        }
        return new SecretKeySpec(raw, "AES");
    }

    /** The key's 32 bytes; a refusal names where the key came from, never what it holds. */
    private static byte[] decode(String base64, String source) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException notBase64) {
            raw = new byte[0]; // the decoder's message quotes a character of the key: not repeated
        }
        if (raw.length != 32) {
            throw new IllegalStateException(source + " must hold base64 of exactly 32 bytes");
        }
        return raw;
    }

    void failFastAtStartup(@Observes StartupEvent event) {
        // Resolving the bean at start-up makes a missing key fail the start, not the first
        // create, and keeps the key file's I/O off the event loop.
    }

    /**
     * An HMAC-SHA256 of {@code data} under a key derived from the secret key for {@code purpose}, so that a signature
     * made for one purpose is never valid for another.
     */
    public byte[] sign(String purpose, byte[] data) {
        try {
            javax.crypto.Mac derive = javax.crypto.Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            byte[] purposeKey = derive.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(purposeKey, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign", e);
        }
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

    /** The key file's content, generated at first start (mode 0600, written atomically). */
    private static String readOrCreate(Path file) {
        boolean existed = Files.exists(file);
        String key = SecretFiles.readOrCreate(file, "secret key", () -> {
            byte[] raw = new byte[32];
            RANDOM.nextBytes(raw);
            return Base64.getEncoder().encodeToString(raw);
        }, "restore it from the backup of this data directory (the user data in the database cannot be read without it)");
        if (!existed) {
            LOG.infof("Secret key for user data generated in %s: back it up with the database", file);
        }
        return key;
    }
}
