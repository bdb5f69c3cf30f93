package io.nuage.api;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PATCH .../ssh-keys/{name}}: a new key under the same name (a rotation), new labels, or both. */
public record SshKeyPatch(
        @Schema(description = "Cannot change; accepted when equal") String name,
        @Schema(description = "The new authorized_keys line; reaches the running instances that name the key", maxLength = SshKeyResource.KEY_MAX_BYTES) String publicKey,
        Map<String, String> labels) implements PatchBody {
}
