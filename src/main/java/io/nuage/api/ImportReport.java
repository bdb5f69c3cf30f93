package io.nuage.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an import did: the resources it created, those it did not and why, what it could not keep as it was, the history kept. */
public record ImportReport(
        @Schema(description = "The tenant the document was exported from") String sourceTenant,
        UUID sourceTenantId,
        Instant exportedAt,
        @Schema(description = "Created as their own create would, in this order; each then converges like a new resource") List<Item> created,
        @Schema(description = "Not created, with the reason: tokens (no secret is exported), the tenant's settings, a create refused")
        List<Item> skipped,
        @Schema(description = "Created, but not exactly as exported") List<Change> changed,
        @Schema(description = "Rows kept as history, by section") Map<String, Long> history) {

    /** A resource; for a skipped one, the problem code and detail of why. */
    public record Item(String kind, String name, String code, String reason) {
    }

    /** A field of a created resource that differs from the document: {@code exported} became {@code imported}. */
    public record Change(String kind, String name, String field, String exported, String imported, String reason) {
    }
}
