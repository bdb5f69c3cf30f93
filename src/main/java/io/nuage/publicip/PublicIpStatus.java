package io.nuage.publicip;

import java.util.List;

import io.nuage.status.Condition;

/** What the reconciler last observed of a public address: its phase, and conditions {@code Ready} and {@code Synced}. */
public record PublicIpStatus(
        PublicIpPhase phase,
        String message,
        List<Condition> conditions,
        long observedGeneration) {
}
