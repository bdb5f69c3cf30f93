package io.nuage.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * The secrets Nuage keeps in its data directory in embedded mode (admin token, secret key, database password):
 * one line each, mode 0600, written atomically. A file is written to a temporary file beside it, flushed to disk,
 * then renamed over the name, and the directory flushed: a crash leaves the old file or the new one, never an empty
 * or cut one that a later start would take for the secret. Contents never appear in a message.
 */
public final class SecretFiles {

    /** The shortest secret a file may hold: anything shorter was cut, or typed by hand too short. */
    public static final int MIN_LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFiles() {
    }

    /**
     * The secret in {@code file} (trimmed), or, when there is no such file, {@code generate}'s, written first.
     * A file holding fewer than {@link #MIN_LENGTH} characters stops the caller with a message naming the file,
     * {@code what} it should hold, and {@code remedy}.
     */
    public static String readOrCreate(Path file, String what, Supplier<String> generate, String remedy) {
        Path path = file.toAbsolutePath();
        try {
            if (Files.exists(path)) {
                String secret = Files.readString(path, StandardCharsets.UTF_8).trim();
                if (secret.length() < MIN_LENGTH) {
                    throw new IllegalStateException("The " + what + " file " + path + " holds fewer than " + MIN_LENGTH
                            + " characters (cut short or empty?): " + remedy);
                }
                return secret;
            }
            String secret = generate.get();
            write(path, secret);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the " + what + " file " + path, e);
        }
    }

    /** Writes {@code secret} and a newline to {@code file}, mode 0600, atomically (see the class comment). */
    public static void write(Path file, String secret) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap((secret + "\n").getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        // The rename is durable once the directory is: without this, a power cut could bring back the old state.
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException notOnThisSystem) {
            // Some file systems cannot open a directory; the rename itself is still atomic.
        }
    }

    /** A new random secret: {@code bytes} random bytes, base64url without padding (no character a shell or a file mangles). */
    public static String newSecret(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
