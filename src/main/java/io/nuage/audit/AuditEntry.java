package io.nuage.audit;

import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.vertx.core.json.JsonArray;

/**
 * One audited request. {@link #canonical} is what its hash covers, with the previous entry's hash: every field but the
 * position and the hash itself, in a fixed order, as a JSON array (one encoding, whatever the client sent).
 */
public record AuditEntry(
        @Schema(description = "Position in the tenant's chain, from 1") long seq,
        @Schema(description = "SHA-256, hex, over this entry's content and the previous entry's hash") String hash,
        Instant at,
        UUID tokenId,
        @Schema(description = "The token's name; admin for the operator's token") String tokenName,
        @Schema(enumeration = { "admin", "member", "viewer" }) String role,
        @Schema(description = "The operation, as the API document names it (operationId), e.g. createInstance") String action,
        @Schema(description = "The kind of resource acted on, e.g. instance") String kind,
        String targetName,
        UUID targetId,
        int status,
        @Schema(description = "The problem's code when the request was refused") String problemCode,
        @Schema(description = "The request's id, also in its Nuage-Request-Id header") String requestId,
        @Schema(description = "The client's address") String source) {

    /** The content the hash covers. */
    public static String canonical(Instant at, UUID tokenId, String tokenName, String role, String action, String kind,
            String targetName, UUID targetId, int status, String problemCode, String requestId, String source) {
        return new JsonArray().add(at.toString()).add(str(tokenId)).add(tokenName).add(role).add(action).add(kind).add(targetName)
                .add(str(targetId)).add(status).add(problemCode).add(requestId).add(source).encode();
    }

    String canonical() {
        return canonical(at, tokenId, tokenName, role, action, kind, targetName, targetId, status, problemCode, requestId, source);
    }

    byte[] hashBytes() {
        return HexFormat.of().parseHex(hash);
    }

    private static String str(UUID id) {
        return id == null ? null : id.toString();
    }
}
