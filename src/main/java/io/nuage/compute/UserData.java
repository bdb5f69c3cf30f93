package io.nuage.compute;

import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.platform.SecretBox;
import io.nuage.tenancy.Tokens;
import io.vertx.core.buffer.Buffer;

/**
 * An instance's cloud-init user data: kept sealed (AES-256-GCM) in the database, opened only by the
 * reconciler to write the guest's Secret; the API shows its SHA-256 alone.
 */
@ApplicationScoped
public class UserData {

    private final SecretBox secrets;

    UserData(SecretBox secrets) {
        this.secrets = secrets;
    }

    Buffer seal(String userData) {
        return userData == null ? null : Buffer.buffer(secrets.seal(userData));
    }

    public String open(byte[] sealed) {
        return sealed == null ? null : secrets.open(sealed);
    }

    public static String digest(String userData) {
        return userData == null ? null : "sha256:" + HexFormat.of().formatHex(Tokens.sha256(userData));
    }
}
