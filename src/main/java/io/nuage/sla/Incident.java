package io.nuage.sla;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An outage, or a time nobody observed, as reports list it. */
public record Incident(Instant startsAt, @Schema(description = "null while it goes on") Instant endsAt,
        @Schema(enumeration = { "down", "maintenance", "unknown" }) String category, String reason) {
}
