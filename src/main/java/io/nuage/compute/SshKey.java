package io.nuage.compute;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant's SSH public key, as the API shows it. */
public record SshKey(
        @Schema(required = true) UUID id,
        @Schema(required = true) String name,
        @Schema(required = true, description = "The authorized_keys line") String publicKey,
        @Schema(required = true, description = "As ssh-keygen -l prints it: SHA256:<base64>") String fingerprint,
        Map<String, String> labels,
        Instant createdAt,
        Instant updatedAt) {
}
