package io.nuage.api;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a token creation: the only time the secret {@code token} is shown. */
public record TokenCreated(UUID id, String name, String role, Instant createdAt,
        @Schema(description = "When the token stops working: the one asked for, but never after the expiry of the tenant"
                + " token that created it") Instant expiresAt,
        @Schema(description = "The id of the tenant token that created this one; null when the operator did") UUID createdBy,
        String token) {
}
