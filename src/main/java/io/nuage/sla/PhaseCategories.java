package io.nuage.sla;

/**
 * The ledger category each observed phase stands for (deleting resources are recorded by the
 * reconcilers' delete passes, not from a phase). "Not running yet" is observed as
 * provisioning; the ledger makes it downtime when the resource was up before (LedgerMath).
 */
public final class PhaseCategories {

    private PhaseCategories() {
    }

    /** An instance: {@code running} is the desired power state. */
    public static Category instance(String phase, boolean running) {
        return switch (phase) {
            case "running" -> Category.UP;
            case "failed" -> Category.DOWN;
            case "stopped", "stopping" -> running ? Category.PROVISIONING : Category.STOPPED;
            default -> running ? Category.PROVISIONING : Category.STOPPED; // pending, provisioning, starting
        };
    }

    /** A volume: CDI's phases. */
    public static Category volume(String phase) {
        return switch (phase) {
            case "ready" -> Category.UP;
            case "failed" -> Category.DOWN;
            default -> Category.PROVISIONING; // pending, importing
        };
    }

    /** A network: up once its attachment definition exists (pending before, or when it vanished). */
    public static Category network(String phase) {
        return "ready".equals(phase) ? Category.UP : Category.PROVISIONING;
    }
}
