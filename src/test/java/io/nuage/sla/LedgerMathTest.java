package io.nuage.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.nuage.sla.LedgerMath.Appended;
import io.nuage.sla.LedgerMath.Head;
import io.nuage.sla.LedgerMath.Transition;
import io.nuage.sla.Observation.Sizes;

class LedgerMathTest {

    private static final UUID ID = UUID.randomUUID();
    private static final UUID TENANT = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-09-01T00:00:00Z");
    private static final Sizes SMALL = new Sizes(2, 4096, 0);

    private static Observation obs(int minute, Category c) {
        return obs(minute, c, false, SMALL);
    }

    private static Observation obs(int minute, Category c, boolean tenantAction, Sizes sizes) {
        return new Observation(ID, TENANT, Observation.Kind.INSTANCE, "web", "fr-par", T0, T0.plusSeconds(60L * minute), c, null,
                tenantAction, sizes);
    }

    private static List<String> history(Appended a) {
        List<String> out = new ArrayList<>();
        for (Transition t : a.transitions()) {
            out.add(Duration.between(T0, t.at()).toMinutes() + ":" + t.category().wire());
        }
        return out;
    }

    @Test
    void historyStartsAtCreationAndFollowsWhatIsObserved() {
        Appended a = LedgerMath.append(null, List.of(obs(2, Category.PROVISIONING), obs(5, Category.UP)), List.of());
        assertEquals(List.of("0:provisioning", "5:up"), history(a), "provisioning from creation; the first observation at 2 changes nothing");
    }

    @Test
    void notRunningAfterBeingUpIsDowntimeUnlessTheTenantAsked() {
        Head up = new Head(Category.UP, T0, null, SMALL);
        assertEquals(List.of("10:down", "20:up"),
                history(LedgerMath.append(up, List.of(obs(10, Category.PROVISIONING), obs(20, Category.UP)), List.of())));
        assertEquals(List.of("10:provisioning", "12:up"), history(LedgerMath.append(up,
                List.of(obs(10, Category.PROVISIONING, true, SMALL), obs(11, Category.PROVISIONING), obs(12, Category.UP)), List.of())),
                "a restart the tenant asked for, and the starting that follows it, are not downtime");
        assertEquals(List.of("10:stopped", "30:provisioning", "31:up"), history(LedgerMath.append(up,
                List.of(obs(10, Category.STOPPED), obs(30, Category.PROVISIONING), obs(31, Category.UP)), List.of())),
                "a start after a tenant stop is provisioning");
    }

    /** After a time nobody observed: up is all that was seen, and only until observation stopped. */
    @Test
    void foundDownAfterAnUnobservedTimeIsDownFromWhenObservationStopped() {
        Head up = new Head(Category.UP, T0, null, SMALL);
        Instant stopped = T0.plusSeconds(60L * 7);
        Observation found = new Observation(ID, TENANT, Observation.Kind.INSTANCE, "web", "fr-par", T0, T0.plusSeconds(600),
                Category.PROVISIONING, null, false, SMALL, stopped);
        assertEquals(List.of("7:down", "12:up"), history(LedgerMath.append(up, List.of(found, obs(12, Category.UP)), List.of())));

        Head upLater = new Head(Category.UP, T0.plusSeconds(60L * 8), null, SMALL);
        assertEquals(List.of("8:down"), history(LedgerMath.append(upLater, List.of(found), List.of())),
                "never before what is already recorded");
        Observation foundUp = new Observation(ID, TENANT, Observation.Kind.INSTANCE, "web", "fr-par", T0, T0.plusSeconds(600),
                Category.UP, null, false, SMALL, stopped);
        Head down = new Head(Category.DOWN, T0, null, SMALL);
        assertEquals(List.of("10:up"), history(LedgerMath.append(down, List.of(foundUp), List.of())),
                "coming back up is recorded when seen, never earlier");
    }

    @Test
    void aFailureBeforeBeingUpIsNotDowntimeAndARestartDoesNotEndAnOutage() {
        assertEquals(List.of("0:provisioning"), history(LedgerMath.append(null, List.of(obs(0, Category.DOWN)), List.of())),
                "a bad image on creation: the tenant's to fix, not our downtime");
        Head down = new Head(Category.DOWN, T0, null, SMALL);
        assertEquals(List.of("12:up"), history(LedgerMath.append(down,
                List.of(obs(10, Category.PROVISIONING, true, SMALL), obs(12, Category.UP)), List.of())),
                "the tenant restarting a down instance: still down until it is up");
    }

    @Test
    void staleAndRepeatedObservationsAppendNothingAndIntervalsNeverOverlap() {
        Head up = new Head(Category.UP, T0.plusSeconds(600), null, SMALL);
        Appended a = LedgerMath.append(up, List.of(obs(5, Category.DOWN), obs(12, Category.UP), obs(15, Category.DOWN),
                obs(15, Category.DOWN), obs(14, Category.STOPPED)), List.of());
        assertEquals(List.of("14:stopped", "15:provisioning"), history(a),
                "minute 5 is older than the head: dropped; 12 repeats up; failing right after a stop is not downtime");
        Instant previous = up.since();
        for (Transition t : a.transitions()) {
            assertTrue(t.at().isAfter(previous), "strictly increasing: " + a.transitions());
            previous = t.at();
        }
    }

    @Test
    void anObservationAtTheHeadsInstantIsPlacedJustAfterIt() {
        Head up = new Head(Category.UP, T0, null, SMALL);
        Appended a = LedgerMath.append(up, List.of(obs(0, Category.DOWN)), List.of());
        assertEquals(T0.plusNanos(1000), a.transitions().get(0).at());
    }

    @Test
    void aResizeStartsANewIntervalWithTheNewSizes() {
        Head up = new Head(Category.UP, T0, null, SMALL);
        Appended a = LedgerMath.append(up, List.of(obs(10, Category.UP, false, new Sizes(4, 8192, 0))), List.of());
        assertEquals(List.of("10:up"), history(a));
        assertEquals(4, a.head().sizes().vcpus());
    }

    @Test
    void downtimeInsideAWindowIsMaintenanceAndSwitchesAtItsEdges() {
        MaintenanceWindow w = new MaintenanceWindow(UUID.randomUUID(), null, null, null, T0.plusSeconds(600), T0.plusSeconds(1200),
                "kernel upgrade", T0);
        Head up = new Head(Category.UP, T0, null, SMALL);
        Appended a = LedgerMath.append(up, List.of(obs(5, Category.DOWN), obs(25, Category.UP)), List.of(w));
        assertEquals(List.of("5:down", "10:maintenance", "20:down", "25:up"), history(a));
        assertEquals("kernel upgrade", a.transitions().get(1).reason());
        assertEquals(List.of("12:maintenance", "20:down"),
                history(LedgerMath.append(up, List.of(obs(12, Category.DOWN), obs(21, Category.DOWN)), List.of(w))));
    }

    @Test
    void nothingFollowsADeletion() {
        Head deleted = new Head(Category.DELETED, T0, null, SMALL);
        assertEquals(List.of(), history(LedgerMath.append(deleted, List.of(obs(5, Category.UP)), List.of())));
    }

    @Test
    void outagesShorterThanTheMinimumCountAsUp() {
        Duration minute = Duration.ofMinutes(1);
        assertEquals(Category.UP, LedgerMath.counted(Category.DOWN, Duration.ofSeconds(59), minute));
        assertEquals(Category.DOWN, LedgerMath.counted(Category.DOWN, Duration.ofSeconds(60), minute));
        assertEquals(Category.UP, LedgerMath.counted(Category.MAINTENANCE, Duration.ofSeconds(30), minute));
        assertEquals(Category.STOPPED, LedgerMath.counted(Category.STOPPED, Duration.ofSeconds(1), minute));
    }

    @Test
    void intervalsAreSplitAtMonthBoundaries() {
        Map<YearMonth, Double> split = LedgerMath.secondsByMonth(Instant.parse("2026-09-30T23:59:00Z"), Instant.parse("2026-10-01T00:02:00Z"));
        assertEquals(Map.of(YearMonth.of(2026, 9), 60.0, YearMonth.of(2026, 10), 120.0), split);
    }
}
