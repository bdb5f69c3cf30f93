package io.nuage.sla;

import java.time.Instant;
import java.util.UUID;

import io.nuage.sla.Observation.Kind;
import io.nuage.sla.Observation.Sizes;

/**
 * One interval of a resource's history as a report sees it: {@code seconds} is the part inside
 * the period asked for; {@code lengthSeconds} the whole interval (until now while it goes on),
 * which the minimum outage length is judged on.
 */
public record Span(UUID resourceId, Kind kind, String name, Instant startsAt, Instant endsAt, Category category, String reason,
        Sizes sizes, double seconds, double lengthSeconds) {
}
