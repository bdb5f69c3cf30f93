package io.nuage.tenancy;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant token as listed: never its secret. */
public record ApiToken(UUID id, String name, String role, Instant createdAt, Instant expiresAt,
        @Schema(description = "The id of the tenant token that minted this one (revoking it revokes this one); null when the"
                + " operator did") UUID createdBy) {
}
