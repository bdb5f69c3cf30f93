package io.nuage.api;

import java.time.Instant;

/** Body of {@code POST /v1/tenants/{tenant}/tokens}. */
public record TokenCreate(String name, String role, Instant expiresAt) {
}
