package io.nuage.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class CreditTableTest {

    @Test
    void theHighestTierReachedApplies() {
        var tiers = CreditTable.parse(List.of("target:10", "99.0:30", "95.0:100"));
        CreditTable table = new CreditTable(tiers);
        assertEquals(0, table.creditPercent(99.95, 99.9));
        assertEquals(10, table.creditPercent(99.5, 99.9));
        assertEquals(30, table.creditPercent(98.0, 99.9));
        assertEquals(100, table.creditPercent(90.0, 99.9));
    }

    @Test
    void aMalformedTierStopsStartUp() {
        assertThrows(IllegalStateException.class, () -> CreditTable.parse(List.of("99.0=30")));
        assertThrows(IllegalStateException.class, () -> CreditTable.parse(List.of("target:120")));
    }
}
