package io.nuage.compute;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;

/**
 * An OpenSSH public key line ({@code type base64-blob [comment]}), checked the way {@code ssh-keygen} reads one: a known
 * type, a blob that decodes, and a blob that names the same type in its first field (a pasted private key, a truncated
 * line or a key of one type labelled as another fails here rather than in the guest).
 */
public record SshPublicKey(String type, byte[] blob, String line) {

    private static final Set<String> TYPES = Set.of("ssh-rsa", "ssh-ed25519", "ssh-dss", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com");

    /** The key of {@code line}, trimmed; an {@link IllegalArgumentException} saying what is wrong otherwise. */
    public static SshPublicKey parse(String line) {
        if (line.trim().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            // A line break would make two authorized_keys lines of one key, or smuggle options in.
            throw new IllegalArgumentException("must be one line, without control characters");
        }
        String[] parts = line.trim().split("\\s+", 3);
        if (parts.length < 2 || !TYPES.contains(parts[0])) {
            throw new IllegalArgumentException("must be an SSH public key line such as 'ssh-ed25519 AAAA... comment'");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key's second field is not base64");
        }
        if (!parts[0].equals(firstField(blob))) {
            throw new IllegalArgumentException("the key's data is not a " + parts[0] + " key");
        }
        return new SshPublicKey(parts[0], blob, line.trim());
    }

    /** As {@code ssh-keygen -l} prints it: {@code SHA256:} and the unpadded base64 of the blob's SHA-256. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The blob's first length-prefixed string (RFC 4253, 6.6), or null when the blob is too short to hold one. */
    private static String firstField(byte[] blob) {
        if (blob.length < 4) {
            return null;
        }
        int length = ByteBuffer.wrap(blob, 0, 4).getInt();
        if (length < 0 || length > blob.length - 4) {
            return null;
        }
        return new String(blob, 4, length, StandardCharsets.US_ASCII);
    }
}
