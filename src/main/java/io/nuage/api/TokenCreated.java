package io.nuage.api;

import java.time.Instant;
import java.util.UUID;

/** The answer to a token creation: the only time the secret {@code token} is shown. */
public record TokenCreated(UUID id, String name, String role, Instant createdAt, Instant expiresAt, String token) {
}
