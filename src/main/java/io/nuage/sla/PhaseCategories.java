package io.nuage.sla;

/**
 * The ledger category each observed phase stands for. "Not running yet" is observed as
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
            case "deleting" -> Category.STOPPED;
            case "stopped", "stopping" -> running ? Category.PROVISIONING : Category.STOPPED;
            default -> running ? Category.PROVISIONING : Category.STOPPED; // pending, provisioning, starting
        };
    }

    /** A volume: CDI's phases. */
    public static Category volume(String phase) {
        return switch (phase) {
            case "ready" -> Category.UP;
            case "failed" -> Category.DOWN;
            case "deleting" -> Category.STOPPED;
            default -> Category.PROVISIONING; // pending, importing
        };
    }

    /** A network: ready once its attachment definition exists. */
    public static Category network(String phase) {
        return switch (phase) {
            case "ready" -> Category.UP;
            case "failed" -> Category.DOWN;
            case "deleting" -> Category.STOPPED;
            default -> Category.PROVISIONING;
        };
    }
}
