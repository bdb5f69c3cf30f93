package io.nuage.sla;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.Map;

/** Seconds per counted category, and the figures every report derives from them the same way. */
public final class Totals {

    private final Map<Category, Double> seconds = new EnumMap<>(Category.class);

    public void add(Category category, double s) {
        seconds.merge(category, s, Double::sum);
    }

    public void addAll(Totals other) {
        other.seconds.forEach(this::add);
    }

    public double seconds(Category c) {
        return seconds.getOrDefault(c, 0.0);
    }

    /** Time the SLA is measured over: up, down and maintenance (not stopped, provisioning or unknown). */
    public double measuredSeconds() {
        return seconds(Category.UP) + seconds(Category.DOWN) + seconds(Category.MAINTENANCE);
    }

    /** Maintenance counts as downtime. Null when nothing was measured. */
    public Double availabilityPercent() {
        return percent(seconds(Category.UP), measuredSeconds());
    }

    /** Announced maintenance is left out of the measured time. */
    public Double slaAvailabilityPercent() {
        return percent(seconds(Category.UP), seconds(Category.UP) + seconds(Category.DOWN));
    }

    public double minutes(Category c) {
        return round(seconds(c) / 60, 2);
    }

    public double measuredMinutes() {
        return round(measuredSeconds() / 60, 2);
    }

    private static Double percent(double part, double whole) {
        return whole <= 0 ? null : round(100 * part / whole, 4);
    }

    public static double round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }
}
