package io.nuage.environment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vertx.core.json.JsonObject;

/**
 * An environment's row: its document ({@code networks}, {@code volumes} and {@code instances}, each a list of the
 * bodies of that kind's create, names unprefixed, user data left out), the ids of the members created for it (those
 * deleted since included), and its time to live.
 */
public record Environment(UUID id, UUID tenantId, String name, JsonObject document, Map<String, String> labels,
        List<UUID> memberIds, int ttlSeconds,
        Instant expiresAt, long generation, Instant createdAt, Instant updatedAt, Instant deleteRequestedAt) {

    /** The label every member carries, {@code nuage.io/environment=<name>}, for the tenant's lists. */
    public static final String LABEL = "nuage.io/environment";

    /** Deleted, or expired: its members are being deleted. */
    public boolean ending(Instant now) {
        return deleteRequestedAt != null || !expiresAt.isAfter(now);
    }

    /** A member's full name: the environment's name, a dash, the member's name in the document. */
    public String memberName(String member) {
        return name + "-" + member;
    }
}
