package io.nuage.status;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One observed condition, Kubernetes-style. */
@Schema(description = "An observed condition. Synced: True when the cluster holds what was asked; False with the"
        + " Kubernetes API's reason and message; Unknown, reason Unobserved, when the status dates from before a time no"
        + " Nuage replica observed the cluster, until a reconcile pass compares it (last_transition_time: when observation"
        + " stopped).")
public record Condition(String type, ConditionStatus status, String reason, String message, Instant lastTransitionTime) {
}
