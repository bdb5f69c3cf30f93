package io.nuage.status;

import java.time.Instant;

/** One observed condition, Kubernetes-style: status is "True", "False" or "Unknown". */
public record Condition(String type, String status, String reason, String message, Instant lastTransitionTime) {
}
