package io.nuage.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.nuage.sla.Observation.Sizes;

/**
 * How observations become a resource's history: pure functions, so the rules can be read in one
 * place and tested without a database. The history is a list of transitions, each starting an
 * interval that lasts until the next, so intervals never overlap and leave no gap.
 */
public final class LedgerMath {

    /** The last transition of a resource: its current state. */
    public record Head(Category category, Instant since, String reason, Sizes sizes) {
    }

    public record Transition(Instant at, Category category, String reason, Sizes sizes) {
    }

    /** An interval that a transition closed. */
    public record Interval(Instant from, Instant to, Category category) {
    }

    /** What a batch of observations appends to one resource's history. */
    public record Appended(List<Transition> transitions, List<Interval> closed, Head head) {
    }

    private LedgerMath() {
    }

    /**
     * Appends {@code observations} (one resource's, in any order) to the history ending in
     * {@code head} (null: the resource has none yet). Observations older than the head are
     * stale (another replica saw something newer first) and dropped; one that changes neither
     * category nor sizes appends nothing. {@code windows} are the maintenance windows covering
     * the resource: an outage inside one is maintenance, and switches at the window's edges.
     */
    public static Appended append(Head head, List<Observation> observations, List<MaintenanceWindow> windows) {
        List<Observation> sorted = new ArrayList<>(observations);
        sorted.sort(Comparator.comparing(Observation::at));
        Builder b = new Builder(head);
        for (Observation o : sorted) {
            if (b.head != null && b.head.category() == Category.DELETED) {
                break; // nothing follows a deletion
            }
            Instant at = micros(o.at());
            if (b.head == null) {
                Instant created = o.createdAt() == null ? at : micros(o.createdAt());
                if (created.isBefore(at)) {
                    b.emit(created, Category.PROVISIONING, "Created", o.sizes());
                }
            } else if (at.isBefore(b.head.since())) {
                continue;
            }
            if (b.head != null && b.head.category().outage()) {
                windowEdges(b, at, windows);
            }
            Category category = o.category();
            String reason = o.reason();
            boolean outage = b.head != null && b.head.category().outage();
            boolean wasUp = b.head != null && (b.head.category() == Category.UP || outage);
            if (category == Category.PROVISIONING && wasUp && (!o.tenantAction() || outage)) {
                // It was up and nobody asked it to stop, or it is already out (a restart does not end an outage).
                category = Category.DOWN;
                reason = reason != null ? reason : "Not running while desired running";
            } else if (category == Category.DOWN && !wasUp) {
                // Failing to come up after creation or the tenant's start (a bad image, no room) is not downtime.
                category = Category.PROVISIONING;
            }
            if (category == Category.DOWN && b.head.category() == Category.UP && o.unobservedSince() != null
                    && o.unobservedSince().isBefore(at)) {
                // Found down after nobody observed it: up is all that was seen, and only until observation stopped.
                at = micros(o.unobservedSince());
            }
            if (category == Category.DOWN) {
                MaintenanceWindow w = activeWindow(windows, at);
                if (w != null) {
                    category = Category.MAINTENANCE;
                    reason = w.reason();
                }
            }
            if (b.head != null && b.head.category() == category && b.head.sizes().equals(o.sizes())) {
                continue;
            }
            b.emit(b.head != null && !at.isAfter(b.head.since()) ? b.head.since().plus(1, ChronoUnit.MICROS) : at,
                    category, reason, o.sizes());
        }
        return new Appended(b.transitions, b.closed, b.head);
    }

    /** An outage that lasts across a window's start or end changes category there. */
    private static void windowEdges(Builder b, Instant until, List<MaintenanceWindow> windows) {
        TreeSet<Instant> edges = new TreeSet<>();
        for (MaintenanceWindow w : windows) {
            edges.add(w.startsAt());
            edges.add(w.endsAt());
        }
        for (Instant edge : edges.subSet(b.head.since(), false, until, false)) {
            MaintenanceWindow w = activeWindow(windows, edge);
            Category category = w != null ? Category.MAINTENANCE : Category.DOWN;
            if (category != b.head.category()) {
                b.emit(edge, category, w != null ? w.reason() : "Maintenance window ended", b.head.sizes());
            }
        }
    }

    private static MaintenanceWindow activeWindow(List<MaintenanceWindow> windows, Instant t) {
        for (MaintenanceWindow w : windows) {
            if (w.activeAt(t)) {
                return w;
            }
        }
        return null;
    }

    /** PostgreSQL keeps microseconds: two instants closer than that are one. */
    public static Instant micros(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    /** The category an interval counts as: an outage shorter than the minimum counts as up. */
    public static Category counted(Category category, Duration length, Duration minimumOutage) {
        return category.outage() && length.compareTo(minimumOutage) < 0 ? Category.UP : category;
    }

    /** Seconds of [from, to) in each UTC calendar month it touches. */
    public static Map<YearMonth, Double> secondsByMonth(Instant from, Instant to) {
        Map<YearMonth, Double> out = new LinkedHashMap<>();
        Instant start = from;
        while (start.isBefore(to)) {
            YearMonth month = YearMonth.from(start.atOffset(ZoneOffset.UTC));
            Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant end = monthEnd.isBefore(to) ? monthEnd : to;
            out.merge(month, seconds(start, end), Double::sum);
            start = end;
        }
        return out;
    }

    public static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    private static final class Builder {
        Head head;
        final List<Transition> transitions = new ArrayList<>();
        final List<Interval> closed = new ArrayList<>();

        Builder(Head head) {
            this.head = head;
        }

        void emit(Instant at, Category category, String reason, Sizes sizes) {
            if (head != null) {
                closed.add(new Interval(head.since(), at, head.category()));
            }
            transitions.add(new Transition(at, category, reason, sizes));
            head = new Head(category, at, reason, sizes);
        }
    }
}
