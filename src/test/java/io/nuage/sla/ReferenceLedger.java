package io.nuage.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import io.nuage.sla.Observation.Sizes;

/**
 * The availability ledger's rules, written out plainly and kept in memory, for
 * {@link LedgerPropertyTest} to compare the database against. Deliberately independent of
 * {@link LedgerMath}: no shared code, every time in exact nanoseconds (no floating point), every
 * computation the most direct one.
 *
 * <p>The rules:
 * <ul>
 * <li>Batches are applied in the order they are written; the observations of a batch in time order.
 * <li>Times are truncated to microseconds.
 * <li>A resource's first observation starts its history at its creation (as provisioning) when that
 * is earlier than the observation.
 * <li>Nothing follows a deletion. An observation older than the last transition is stale: dropped.
 * <li>While the last transition is an outage (down, maintenance), each maintenance window edge
 * strictly between it and the new observation switches the category to what the window says there.
 * <li>Provisioning observed without a tenant action while the last transition is up, down or
 * maintenance is down. Down inside a maintenance window covering the resource is maintenance.
 * <li>An observation that changes neither category nor sizes appends nothing; one at exactly the
 * last transition's time is placed 1 µs after it.
 * <li>Each transition starts an interval lasting until the next transition (until now for the last);
 * deleted intervals are not reported. An outage interval shorter than the minimum outage, judged on
 * its whole length, counts as up.
 * </ul>
 */
final class ReferenceLedger {

    record Transition(Instant at, Category category, Sizes sizes) {
    }

    /** A maintenance window as stored: {@code region} or {@code tenantId} null means any. */
    record Window(Instant start, Instant end, String region, UUID tenantId, boolean cancelled) {

        boolean covers(UUID tenant, String resourceRegion) {
            return !cancelled && (tenantId == null || tenantId.equals(tenant)) && (region == null || region.equals(resourceRegion));
        }

        boolean contains(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }

    /** An interval of a history; {@code end} null while it goes on. */
    record Interval(UUID resourceId, Instant start, Instant end, Category category, Sizes sizes) {
    }

    /** A history's interval clipped to a period: {@code nanos} inside it, {@code lengthNanos} its whole length. */
    record Piece(UUID resourceId, Instant start, Instant end, Category category, Sizes sizes, long nanos, long lengthNanos) {
    }

    static final class Resource {
        final UUID id;
        final UUID tenantId;
        final String region;
        final List<Transition> history = new ArrayList<>();

        Resource(UUID id, UUID tenantId, String region) {
            this.id = id;
            this.tenantId = tenantId;
            this.region = region;
        }

        Transition last() {
            return history.isEmpty() ? null : history.get(history.size() - 1);
        }
    }

    private final Duration minimumOutage;
    private final List<Window> windows;
    private final Map<UUID, Resource> resources = new LinkedHashMap<>();
    /** How often each rule applied, for the property's statistics (does the generator reach every rule?). */
    final Map<String, Integer> events = new java.util.TreeMap<>();

    ReferenceLedger(Duration minimumOutage, List<Window> windows) {
        this.minimumOutage = minimumOutage;
        this.windows = windows;
    }

    // ---------------------------------------------------------------------------------------
    // Ingestion

    void write(List<Observation> batch) {
        List<Observation> sorted = new ArrayList<>(batch);
        sorted.sort(Comparator.comparing(Observation::at)); // stable: equal times keep their order
        for (Observation o : sorted) {
            Resource r = resources.computeIfAbsent(o.resourceId(), id -> new Resource(id, o.tenantId(), o.region()));
            observe(r, o);
        }
    }

    private void observe(Resource r, Observation o) {
        Transition last = r.last();
        if (last != null && last.category() == Category.DELETED) {
            event("after deleted");
            return;
        }
        Instant at = micros(o.at());
        if (last == null) {
            Instant created = o.createdAt() == null ? at : micros(o.createdAt());
            if (created.isBefore(at)) {
                r.history.add(new Transition(created, Category.PROVISIONING, o.sizes()));
            }
        } else if (at.isBefore(last.at())) {
            event("stale");
            return;
        }

        // An outage going on switches category at every window edge before this observation.
        last = r.last();
        if (last != null && isOutage(last.category())) {
            TreeSet<Instant> edges = new TreeSet<>();
            for (Window w : windows) {
                if (w.covers(r.tenantId, r.region)) {
                    edges.add(w.start());
                    edges.add(w.end());
                }
            }
            for (Instant edge : edges) {
                if (edge.isAfter(r.last().at()) && edge.isBefore(at)) {
                    Category there = inWindow(r, edge) ? Category.MAINTENANCE : Category.DOWN;
                    if (there != r.last().category()) {
                        event("window edge");
                        r.history.add(new Transition(edge, there, r.last().sizes()));
                    }
                }
            }
        }

        last = r.last();
        Category category = o.category();
        boolean lastOut = last != null && (last.category() == Category.DOWN || last.category() == Category.MAINTENANCE);
        boolean lastUpOrOut = last != null && (last.category() == Category.UP || lastOut);
        if (category == Category.DOWN && !lastUpOrOut) {
            category = Category.PROVISIONING;
        } else if (category == Category.PROVISIONING && lastUpOrOut && (!o.tenantAction() || lastOut)) {
            category = Category.DOWN;
            event("provisioning is down");
        }
        if (category == Category.DOWN && inWindow(r, at)) {
            category = Category.MAINTENANCE;
            event("down is maintenance");
        }
        if (last != null && last.category() == category && last.sizes().equals(o.sizes())) {
            event("no change");
            return;
        }
        Instant placed = at;
        if (last != null && !at.isAfter(last.at())) {
            placed = last.at().plus(1, ChronoUnit.MICROS);
            event("placed 1 us after");
        }
        r.history.add(new Transition(placed, category, o.sizes()));
    }

    private void event(String name) {
        events.merge(name, 1, Integer::sum);
    }

    private boolean inWindow(Resource r, Instant t) {
        for (Window w : windows) {
            if (w.covers(r.tenantId, r.region) && w.contains(t)) {
                return true;
            }
        }
        return false;
    }

    static Instant micros(Instant t) {
        long seconds = t.getEpochSecond();
        int nanos = t.getNano();
        return Instant.ofEpochSecond(seconds, nanos - nanos % 1000);
    }

    static boolean isOutage(Category c) {
        return c == Category.DOWN || c == Category.MAINTENANCE;
    }

    // ---------------------------------------------------------------------------------------
    // History

    List<Transition> transitions(UUID resourceId) {
        Resource r = resources.get(resourceId);
        return r == null ? List.of() : List.copyOf(r.history);
    }

    /** Every interval of the history except deleted ones; the last one open (end null). */
    List<Interval> intervals(UUID resourceId) {
        List<Transition> h = transitions(resourceId);
        List<Interval> out = new ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            Transition t = h.get(i);
            if (t.category() == Category.DELETED) {
                continue;
            }
            Instant end = i + 1 < h.size() ? h.get(i + 1).at() : null;
            out.add(new Interval(resourceId, t.at(), end, t.category(), t.sizes()));
        }
        return out;
    }

    /** What an interval counts as: an outage shorter than the minimum (whole length, until now while open) is up. */
    Category counted(Interval i, Instant now) {
        long length = nanos(i.start(), i.end() != null ? i.end() : now);
        if (isOutage(i.category()) && length < minimumOutage.toNanos()) {
            return Category.UP;
        }
        return i.category();
    }

    /** The intervals touching [from, min(to, now)), clipped to it. */
    List<Piece> pieces(UUID resourceId, Instant from, Instant to, Instant now) {
        Instant end = to.isBefore(now) ? to : now;
        List<Piece> out = new ArrayList<>();
        for (Interval i : intervals(resourceId)) {
            Instant intervalEnd = i.end() != null ? i.end() : now;
            Instant a = i.start().isAfter(from) ? i.start() : from;
            Instant b = intervalEnd.isBefore(end) ? intervalEnd : end;
            if (b.isAfter(a)) {
                out.add(new Piece(resourceId, i.start(), i.end(), i.category(), i.sizes(), nanos(a, b), nanos(i.start(), intervalEnd)));
            }
        }
        return out;
    }

    /** Nanoseconds per counted category of one resource over [from, min(to, now)). */
    Map<Category, Long> resourceTotals(UUID resourceId, Instant from, Instant to, Instant now) {
        Map<Category, Long> totals = new EnumMap<>(Category.class);
        Instant end = to.isBefore(now) ? to : now;
        for (Interval i : intervals(resourceId)) {
            Instant intervalEnd = i.end() != null ? i.end() : now;
            Instant a = i.start().isAfter(from) ? i.start() : from;
            Instant b = intervalEnd.isBefore(end) ? intervalEnd : end;
            if (b.isAfter(a)) {
                totals.merge(counted(i, now), nanos(a, b), Long::sum);
            }
        }
        return totals;
    }

    /** A UTC calendar month: [first instant, first instant of the next). */
    static Instant monthStart(YearMonth m) {
        return m.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /**
     * Nanoseconds per counted category of one resource in a month, to now if the month is the
     * current one; null when no interval of the resource touches the month (it has no line).
     */
    Map<Category, Long> monthTotals(UUID resourceId, YearMonth month, Instant now) {
        Instant monthEnd = monthStart(month.plusMonths(1));
        Map<Category, Long> totals = resourceTotals(resourceId, monthStart(month), monthEnd, now);
        return totals.isEmpty() ? null : totals;
    }

    /**
     * What the month rollups hold once every closed interval is added: nanoseconds per
     * (month, resource, counted category). A closed interval's length does not depend on now.
     */
    Map<List<Object>, Long> closedMonthly() {
        Map<List<Object>, Long> out = new LinkedHashMap<>();
        for (Resource r : resources.values()) {
            for (Interval i : intervals(r.id)) {
                if (i.end() == null) {
                    continue;
                }
                Category counted = counted(i, i.end());
                YearMonth m = YearMonth.from(i.start().atOffset(ZoneOffset.UTC));
                while (monthStart(m).isBefore(i.end())) {
                    Instant a = i.start().isAfter(monthStart(m)) ? i.start() : monthStart(m);
                    Instant b = i.end().isBefore(monthStart(m.plusMonths(1))) ? i.end() : monthStart(m.plusMonths(1));
                    if (b.isAfter(a)) {
                        out.merge(List.of(m, r.id, counted), nanos(a, b), Long::sum);
                    }
                    m = m.plusMonths(1);
                }
            }
        }
        return out;
    }

    static long nanos(Instant a, Instant b) {
        return Duration.between(a, b).toNanos();
    }
}
