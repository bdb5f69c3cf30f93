package io.nuage.tenancy;

import java.time.Instant;
import java.util.UUID;

/** A tenant token as listed: never its secret. */
public record ApiToken(UUID id, String name, String role, Instant createdAt, Instant expiresAt) {
}
