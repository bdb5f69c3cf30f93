package io.nuage.api;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/tenants/{tenant}/tokens}. */
public record TokenCreate(
        @Schema(required = true, pattern = Checks.DNS_LABEL_PATTERN, maxLength = Checks.DNS_LABEL_MAX) String name,
        @Schema(required = true, enumeration = { "member", "viewer" }) String role,
        @Schema(description = "Optional; the token stops working at this time. A token created by a tenant token expires no"
                + " later than that token: a later or missing time is brought back to it") Instant expiresAt) {
}
