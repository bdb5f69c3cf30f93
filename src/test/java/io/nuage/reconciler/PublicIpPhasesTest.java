package io.nuage.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.nuage.publicip.PublicIpPhase;
import io.nuage.sla.Category;
import io.nuage.status.ConditionStatus;

/** What a public address's Service says of it: attached only once the load balancer announces the address itself. */
class PublicIpPhasesTest {

    private static final String ADDRESS = "203.0.113.7";

    @Test
    void phasesFollowTheServiceAndItsIngress() {
        assertEquals(PublicIpPhase.ALLOCATED, PublicIpPhases.of(false, ADDRESS, List.of(), false).phase());
        assertEquals(PublicIpPhase.DETACHING, PublicIpPhases.of(false, ADDRESS, List.of(ADDRESS), true).phase());
        assertEquals(PublicIpPhase.ATTACHING, PublicIpPhases.of(true, ADDRESS, List.of(), false).phase());
        assertEquals(PublicIpPhase.ATTACHING, PublicIpPhases.of(true, ADDRESS, List.of(), true).phase());
        PublicIpPhases.Observed attached = PublicIpPhases.of(true, ADDRESS, List.of(ADDRESS), true);
        assertEquals(PublicIpPhase.ATTACHED, attached.phase());
        assertEquals(ConditionStatus.TRUE, attached.ready().status());
        PublicIpPhases.Observed other = PublicIpPhases.of(true, ADDRESS, List.of("198.18.0.2"), true);
        assertEquals(PublicIpPhase.FAILED, other.phase());
        assertEquals("OtherAddress", other.ready().reason());
    }

    @Test
    void attachedIsUpFailedDownSettlingProvisioningTheRestStopped() {
        assertEquals(Category.UP, PublicIpPhases.category(PublicIpPhase.ATTACHED));
        assertEquals(Category.DOWN, PublicIpPhases.category(PublicIpPhase.FAILED));
        assertEquals(Category.PROVISIONING, PublicIpPhases.category(PublicIpPhase.ATTACHING));
        for (PublicIpPhase p : List.of(PublicIpPhase.PENDING, PublicIpPhase.ALLOCATED, PublicIpPhase.DETACHING)) {
            assertEquals(Category.STOPPED, PublicIpPhases.category(p));
        }
    }
}
