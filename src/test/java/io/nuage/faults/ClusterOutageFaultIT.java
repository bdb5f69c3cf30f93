package io.nuage.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes API answers every request with an error for 2 minutes (the simulated cluster's
 * error rate set to 1.0 while it runs; its watches stay open): the API keeps accepting writes,
 * status says Synced=False with the reason, and all converges after the API returns.
 */
class ClusterOutageFaultIT {

    private static final long OUTAGE_SECONDS = Long.getLong("faults.cluster-outage-seconds", 120);
    private static final long RESYNC_SECONDS = 60; // nuage.reconciler.resync-interval's default

    @TempDir
    Path workDir;

    @Test
    void writesAreAcceptedDuringAClusterOutageAndConvergeAfter() throws Exception {
        try (FaultRig rig = new FaultRig(workDir)) {
            Replica nuage = rig.replica("a");
            rig.tenant(nuage, "k8s", 100);
            for (int i = 0; i < 20; i++) {
                assertEquals(201, rig.call(nuage, "POST", "/v1/tenants/k8s/instances", FaultRig.instance("before-" + i)).status());
            }
            awaitAll(rig, nuage, i -> "running".equals(phase(i)), 180);

            long outageStart = System.nanoTime();
            rig.cluster.setApiErrorRate(1.0);
            Map<Integer, Integer> answers = new TreeMap<>();
            for (int i = 0; i < 20; i++) {
                answers.merge(rig.call(nuage, "POST", "/v1/tenants/k8s/instances", FaultRig.instance("during-" + i)).status(), 1, Integer::sum);
                answers.merge(rig.call(nuage, "POST", "/v1/tenants/k8s/instances/before-" + i + "/stop", null).status(), 1, Integer::sum);
            }
            // The new instances say why they do not progress.
            double reported = awaitAll(rig, nuage, i -> !i.path("name").asText().startsWith("during-")
                    || synced(i).path("status").asText().equalsIgnoreCase("false"), OUTAGE_SECONDS);
            String reason = " " + synced(rig.instances(nuage, "k8s").get("during-0"));
            long left = TimeUnit.SECONDS.toMillis(OUTAGE_SECONDS) - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - outageStart);
            Thread.sleep(Math.max(0, left)); // the fault itself lasts this long
            // What a user reads at the end of the outage, for the stops asked for during it too.
            long stopsExplained = rig.instances(nuage, "k8s").values().stream().filter(i -> i.path("name").asText().startsWith("before-"))
                    .filter(i -> synced(i).path("status").asText().equalsIgnoreCase("false")).count();
            rig.cluster.setApiErrorRate(0.0);
            long back = System.nanoTime();

            double converged = awaitAll(rig, nuage, i -> i.path("name").asText().startsWith("during-")
                    ? "running".equals(phase(i)) : "stopped".equals(phase(i)), 5 * RESYNC_SECONDS);
            double afterReturn = converged < 0 ? -1 : (System.nanoTime() - back) / 1e9;
            FaultRig.figure(String.format("| Kubernetes API failing %d s (error rate 1.0, watches open) | answers meanwhile: %s;"
                    + " new instances all Synced=False %s after it began (condition%s); stopped instances (not yet stopped) with Synced=False at its end: %d of 20 | all converged %s after"
                    + " the API returned (resync interval %d s) |", OUTAGE_SECONDS, answers,
                    reported < 0 ? "NOT" : String.format("%.1f s", reported), reason.length() > 150 ? reason.substring(0, 150) : reason, stopsExplained,
                    afterReturn < 0 ? "NOT within " + 5 * RESYNC_SECONDS + " s" : String.format("%.1f s", afterReturn), RESYNC_SECONDS));
            assertEquals(Map.of(201, 20, 202, 20), answers, "the API accepts every write while the cluster is away");
            assertTrue(reported >= 0, "status says Synced=False while the cluster is away");
            assertTrue(afterReturn >= 0 && afterReturn <= RESYNC_SECONDS + 30, "converged within one resync: " + afterReturn);
        }
    }

    private static String phase(JsonNode i) {
        return i.path("status").path("phase").asText();
    }

    private static JsonNode synced(JsonNode i) {
        for (JsonNode c : i.path("status").path("conditions")) {
            if ("Synced".equals(c.path("type").asText())) {
                return c;
            }
        }
        return FaultRig.JSON.createObjectNode();
    }

    /** Seconds until every instance satisfies {@code done}, or -1 if not within {@code seconds}. */
    private static double awaitAll(FaultRig rig, Replica r, Predicate<JsonNode> done, long seconds) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (rig.instances(r, "k8s").values().stream().allMatch(done)) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(500);
        }
        return -1;
    }
}
