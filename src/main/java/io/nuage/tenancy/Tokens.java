package io.nuage.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Token strings: {@code nuage_<id>_<secret>}, the id a UUID in hex that finds the row, the
 * secret 32 random bytes (256 bits) in base64url. Only SHA-256 of the secret is stored: a
 * slow password hash is not needed for a uniformly random 256-bit secret.
 */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "nuage_";

    private Tokens() {
    }

    public record Parsed(UUID id, byte[] secretHash) {
    }

    public static String newSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    public static String format(UUID id, String secret) {
        return PREFIX + HexFormat.of().formatHex(uuidBytes(id)) + "_" + secret;
    }

    /** Splits a presented token; null when it does not have the shape of ours. */
    public static Parsed parse(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() != PREFIX.length() + 32 + 1 + 43) {
            return null;
        }
        String hex = token.substring(PREFIX.length(), PREFIX.length() + 32);
        if (token.charAt(PREFIX.length() + 32) != '_') {
            return null;
        }
        try {
            byte[] b = HexFormat.of().parseHex(hex);
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (b[i] & 0xff);
                lo = (lo << 8) | (b[i + 8] & 0xff);
            }
            return new Parsed(new UUID(hi, lo), sha256(token.substring(PREFIX.length() + 33)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of two hashes. */
    public static boolean sameHash(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    private static byte[] uuidBytes(UUID id) {
        byte[] b = new byte[16];
        long hi = id.getMostSignificantBits();
        long lo = id.getLeastSignificantBits();
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) hi;
            b[i + 8] = (byte) lo;
            hi >>>= 8;
            lo >>>= 8;
        }
        return b;
    }
}
