package io.nuage.status;

import java.time.Instant;
import io.nuage.status.ConditionStatus;

/** One observed condition, Kubernetes-style. */
public record Condition(String type, ConditionStatus status, String reason, String message, Instant lastTransitionTime) {
}
