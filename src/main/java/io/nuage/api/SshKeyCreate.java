package io.nuage.api;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/tenants/{tenant}/ssh-keys}. */
public record SshKeyCreate(
        @Schema(required = true, pattern = Checks.DNS_LABEL_PATTERN, description = "DNS label, unique in the tenant", maxLength = Checks.DNS_LABEL_MAX) String name,
        @Schema(required = true, description = "An authorized_keys line: type, base64 key, optional comment", maxLength = SshKeyResource.KEY_MAX_BYTES) String publicKey,
        Map<String, String> labels) {
}
