package io.nuage.network;

import java.util.List;

import io.nuage.status.Condition;

/**
 * What the reconciler last observed of a network, with the address counts Nuage keeps itself:
 * {@code allocated} addresses are held by instances (deleting ones included), {@code available}
 * are left (the network, gateway and broadcast addresses are never handed out).
 */
public record NetworkStatus(
        NetworkPhase phase,
        String message,
        long allocated,
        long available,
        List<Condition> conditions,
        long observedGeneration) {
}
