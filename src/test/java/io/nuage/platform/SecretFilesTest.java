package io.nuage.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secrets of the data directory: owner-only, complete or absent, and a cut one is refused by name, never shown. */
class SecretFilesTest {

    @TempDir
    Path dir;

    @Test
    void aMissingSecretIsGeneratedOwnerOnlyAndReadBackUnchanged() throws Exception {
        Path file = dir.resolve("nested/admin-token");
        String made = SecretFiles.readOrCreate(file, "admin token", () -> SecretFiles.newSecret(32), "unused");
        assertTrue(made.length() >= SecretFiles.MIN_LENGTH);
        assertEquals(made + "\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of(file), files(file.getParent()), "no temporary file left beside it");

        assertEquals(made, SecretFiles.readOrCreate(file, "admin token", () -> "never-generated-again-0123456789abcdef", "unused"));
    }

    @Test
    void aRewriteReplacesTheWholeFileAtOnce() throws Exception {
        Path file = dir.resolve("secret-key");
        SecretFiles.write(file, "a".repeat(64));
        SecretFiles.write(file, "b".repeat(40));
        assertEquals("b".repeat(40) + "\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of(file), files(dir));
    }

    @Test
    void aSecretShorterThan32CharactersStopsWithTheFileNamedAndItsContentUnsaid() throws Exception {
        Path file = dir.resolve("admin-token");
        Files.writeString(file, "cut-0123456789\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SecretFiles.readOrCreate(file, "admin token", () -> "x".repeat(40), "delete it to have a new one generated"));
        assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("32"), e.getMessage());
        assertFalse(e.getMessage().contains("cut-0123456789"), "the message never shows the file's content");
        assertEquals("cut-0123456789\n", Files.readString(file), "the file is left as it was");

        Files.writeString(file, "");
        assertThrows(IllegalStateException.class, () -> SecretFiles.readOrCreate(file, "admin token", () -> "x".repeat(40), "-"));
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
