package io.nuage.tenancy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void formattedTokenParsesBackToItsIdAndSecretHash() {
        UUID id = UUID.randomUUID();
        String secret = Tokens.newSecret();
        Tokens.Parsed parsed = Tokens.parse(Tokens.format(id, secret));
        assertEquals(id, parsed.id());
        assertArrayEquals(Tokens.sha256(secret), parsed.secretHash());
    }

    @Test
    void secretsAre256BitsAndNeverRepeat() {
        String a = Tokens.newSecret();
        assertEquals(43, a.length()); // 32 bytes in unpadded base64url
        assertNotEquals(a, Tokens.newSecret());
    }

    @Test
    void foreignShapesAreNotParsed() {
        assertNull(Tokens.parse(null));
        assertNull(Tokens.parse("garbage"));
        assertNull(Tokens.parse("nuage_zz" + "0".repeat(30) + "_" + "A".repeat(43)));
        assertNull(Tokens.parse("nuage_" + "0".repeat(32) + "-" + "A".repeat(43)));
    }

    @Test
    void hashesCompare() {
        assertTrue(Tokens.sameHash(Tokens.sha256("x"), Tokens.sha256("x")));
        assertFalse(Tokens.sameHash(Tokens.sha256("x"), Tokens.sha256("y")));
    }
}
