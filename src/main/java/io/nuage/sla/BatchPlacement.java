package io.nuage.sla;

import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.nuage.sla.LedgerMath.Appended;
import io.nuage.sla.LedgerMath.Head;
import io.nuage.sla.LedgerMath.Interval;
import io.nuage.sla.LedgerMath.Transition;

/**
 * Where a batch of observations lands in the ledger: the transitions it appends, the heads they
 * leave, and the seconds of the intervals they close, per row of the month totals. No database:
 * {@link LedgerStore} reads what this needs and writes what it returns.
 */
record BatchPlacement(List<Placed> transitions, List<Placed> heads, Map<MonthlyKey, Double> monthly) {

    /** A transition of a resource: one appended, or the one its head now is. */
    record Placed(UUID resourceId, Transition t) {
    }

    /** The row of {@code ledger_monthly} that closed seconds are added to. */
    record MonthlyKey(UUID tenantId, YearMonth month, UUID resourceId, Category category) {
    }

    /**
     * Places each resource's observations after its head ({@code heads}: none for a resource not
     * seen before), with the {@code windows} that cover it. A closed outage shorter than
     * {@code minimumOutage} is added to the month totals as up.
     */
    static BatchPlacement of(Map<UUID, List<Observation>> byResource, Map<UUID, Head> heads, List<MaintenanceWindow> windows,
            Duration minimumOutage) {
        BatchPlacement placed = new BatchPlacement(new ArrayList<>(), new ArrayList<>(), new LinkedHashMap<>());
        byResource.forEach((id, observations) -> {
            Observation any = observations.get(0);
            List<MaintenanceWindow> covering = windows.stream().filter(w -> w.covers(any.tenantId(), any.region())).toList();
            Appended a = LedgerMath.append(heads.get(id), observations, covering);
            for (Transition t : a.transitions()) {
                placed.transitions.add(new Placed(id, t));
            }
            for (Interval i : a.closed()) {
                Category counted = LedgerMath.counted(i.category(), Duration.between(i.from(), i.to()), minimumOutage);
                LedgerMath.secondsByMonth(i.from(), i.to()).forEach((month, seconds) -> placed.monthly.merge(
                        new MonthlyKey(any.tenantId(), month, id, counted), seconds, Double::sum));
            }
            if (!a.transitions().isEmpty()) {
                placed.heads.add(new Placed(id, a.transitions().get(a.transitions().size() - 1)));
            }
        });
        return placed;
    }
}
