package io.nuage.sla;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.nuage.platform.NuageConfig;

/**
 * Service credits from configuration ({@code nuage.sla.credit-tiers}): availability below a
 * tier's threshold earns its credit; the highest credit reached applies. Read at start-up, so
 * a typo stops Nuage instead of silently paying nothing.
 */
@Singleton
@io.quarkus.runtime.Startup
public class CreditTable {

    /** A threshold, or null for the tenant's own target. */
    record Tier(Double threshold, double creditPercent) {
    }

    private final List<Tier> tiers;

    @jakarta.inject.Inject
    CreditTable(NuageConfig config) {
        this(parse(config.sla().creditTiers()));
    }

    CreditTable(List<Tier> tiers) {
        this.tiers = tiers;
    }

    static List<Tier> parse(List<String> entries) {
        List<Tier> tiers = new ArrayList<>();
        for (String entry : entries) {
            String[] parts = entry.trim().split(":");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                Double threshold = parts[0].trim().equals("target") ? null : Double.valueOf(parts[0].trim());
                double credit = Double.parseDouble(parts[1].trim());
                if (credit < 0 || credit > 100 || (threshold != null && (threshold <= 0 || threshold > 100))) {
                    throw new NumberFormatException();
                }
                tiers.add(new Tier(threshold, credit));
            } catch (NumberFormatException e) {
                throw new IllegalStateException("nuage.sla.credit-tiers: '" + entry
                        + "' is not threshold:percent (a percentage or 'target', then a credit from 0 to 100)");
            }
        }
        return List.copyOf(tiers);
    }

    /** The credit, in percent of the month's bill, for {@code availability} against {@code target}. */
    public double creditPercent(double availability, double target) {
        double credit = 0;
        for (Tier t : tiers) {
            double threshold = t.threshold() == null ? target : t.threshold();
            if (availability < threshold) {
                credit = Math.max(credit, t.creditPercent());
            }
        }
        return credit;
    }
}
