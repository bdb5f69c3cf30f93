package io.nuage.reconciler;

import java.util.List;

import io.nuage.publicip.PublicIpPhase;
import io.nuage.sla.Category;
import io.nuage.status.Condition;
import io.nuage.status.ConditionStatus;

/** What a public address's Service, as the cluster shows it, says of the address: a pure function, for the pass and tests. */
final class PublicIpPhases {

    private PublicIpPhases() {
    }

    /** The phase, why, and the Ready condition saying so. */
    record Observed(PublicIpPhase phase, String message, Condition ready) {
    }

    /**
     * @param attached  whether the address is to be attached (the row names an instance)
     * @param announced the addresses the Service's load-balancer ingress shows
     * @param exists    whether the Service exists
     */
    static Observed of(boolean attached, String address, List<String> announced, boolean exists) {
        if (!attached) {
            return exists ? not(PublicIpPhase.DETACHING, "Detaching", "The load balancer Service is being deleted")
                    : new Observed(PublicIpPhase.ALLOCATED, null, new Condition("Ready", ConditionStatus.TRUE, "Allocated", null, null));
        }
        if (!exists) {
            return not(PublicIpPhase.ATTACHING, "ServicePending", "The load balancer Service does not exist yet");
        }
        if (announced.contains(address)) {
            return new Observed(PublicIpPhase.ATTACHED, null, new Condition("Ready", ConditionStatus.TRUE, "Announced", null, null));
        }
        if (announced.isEmpty()) {
            return not(PublicIpPhase.ATTACHING, "NotAnnounced", "Waiting for the load balancer to announce " + address);
        }
        return not(PublicIpPhase.FAILED, "OtherAddress", "The load balancer announces " + String.join(", ", announced)
                + " instead of " + address + ": it must honour the pin (MetalLB: an IPAddressPool holding " + address + ")");
    }

    /** The ledger category of a phase: attached is up, settling is provisioning, failed is down, detached is stopped. */
    static Category category(PublicIpPhase phase) {
        return switch (phase) {
            case ATTACHED -> Category.UP;
            case ATTACHING -> Category.PROVISIONING;
            case FAILED -> Category.DOWN;
            default -> Category.STOPPED;
        };
    }

    private static Observed not(PublicIpPhase phase, String reason, String message) {
        return new Observed(phase, message, new Condition("Ready", ConditionStatus.FALSE, reason, message, null));
    }
}
