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

    /**
     * {@code value} rounded half up to {@code decimals}, as {@code BigDecimal.valueOf(value).setScale(decimals, HALF_UP)
     * .doubleValue()} rounds it, whose result it always is. A month report rounds seven figures per resource, and
     * BigDecimal (a decimal string each way) took 40 % of its time in Java at 50,000 resources. Away from a half, the
     * scaled value tells the direction (its error, with that of the double's decimal form, stays under 1e-6 below
     * 1e9), and an integer over an exact power of ten is the double nearest the decimal, as doubleValue() is. At a
     * half, where the double's decimal form decides, and for anything else, BigDecimal decides. Both zeros give 0.0.
     */
    public static double round(double value, int decimals) {
        if (value == 0) {
            return 0.0;
        }
        if (value > 0 && decimals >= 0 && decimals < POWERS_OF_TEN.length) {
            double scaled = value * POWERS_OF_TEN[decimals];
            if (scaled < 1e9) {
                double whole = Math.floor(scaled);
                double fraction = scaled - whole;
                if (Math.abs(fraction - 0.5) > 1e-6) {
                    return (fraction > 0.5 ? whole + 1 : whole) / POWERS_OF_TEN[decimals];
                }
            }
        }
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    /** Exact as doubles. */
    private static final double[] POWERS_OF_TEN = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6 };
}
