package io.nuage.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PhaseCategoriesTest {

    @Test
    void instancePhases() {
        assertEquals(Category.UP, PhaseCategories.instance("running", true));
        assertEquals(Category.DOWN, PhaseCategories.instance("failed", true));
        assertEquals(Category.STOPPED, PhaseCategories.instance("stopping", false));
        assertEquals(Category.STOPPED, PhaseCategories.instance("stopped", false));
        assertEquals(Category.PROVISIONING, PhaseCategories.instance("starting", true));
        assertEquals(Category.PROVISIONING, PhaseCategories.instance("stopped", true), "desired running: the ledger decides if it is down");
    }

    @Test
    void volumeAndNetworkPhases() {
        assertEquals(Category.PROVISIONING, PhaseCategories.volume("importing"));
        assertEquals(Category.UP, PhaseCategories.volume("ready"));
        assertEquals(Category.DOWN, PhaseCategories.volume("failed"));
        assertEquals(Category.PROVISIONING, PhaseCategories.network("pending"));
        assertEquals(Category.UP, PhaseCategories.network("ready"));
    }
}
