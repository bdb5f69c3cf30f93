package io.nuage.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** User data at rest: unreadable in the database, and any tampering or wrong key is refused. */
class SecretBoxTest {

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    private final SecretBox box = new SecretBox(key(7));

    @Test
    void sealedValueOpensToTheSameTextAndDoesNotContainIt() {
        byte[] sealed = box.seal("#cloud-config\npassword: hunter2\n");
        assertEquals("#cloud-config\npassword: hunter2\n", box.open(sealed));
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("hunter2"));
    }

    @Test
    void everySealUsesAFreshNonce() {
        assertFalse(Arrays.equals(box.seal("same"), box.seal("same")));
    }

    @Test
    void tamperedOrForeignBoxesAreRefused() {
        byte[] sealed = box.seal("secret");
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThrows(IllegalStateException.class, () -> box.open(tampered));
        assertThrows(IllegalStateException.class, () -> new SecretBox(key(8)).open(sealed));
    }

    @Test
    void keyMustBe32Bytes() {
        assertThrows(IllegalStateException.class, () -> new SecretBox(new byte[16]));
    }
}
