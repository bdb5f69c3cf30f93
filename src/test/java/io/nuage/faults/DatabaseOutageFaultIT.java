package io.nuage.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped for 30 s while a client creates instances and reads them: what the API
 * answers meanwhile, how soon it serves again, whether everything converges after, and that
 * the ledger has every instance's transition to up.
 */
class DatabaseOutageFaultIT {

    private static final long OUTAGE_SECONDS = Long.getLong("faults.db-outage-seconds", 30);

    @TempDir
    Path workDir;

    @Test
    void aThirtySecondDatabaseOutageLosesNothing() throws Exception {
        try (FaultRig rig = new FaultRig(workDir)) {
            Replica nuage = rig.replica("a");
            rig.tenant(nuage, "load", 400);
            Map<String, Integer> during = new ConcurrentHashMap<>();
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            AtomicInteger seq = new AtomicInteger();
            long[] window = new long[2]; // the outage's start and end, 0 while not yet
            Flag running = new Flag();
            Thread client = new Thread(() -> {
                while (running.on) {
                    String name = "vm-" + seq.getAndIncrement();
                    FaultRig.Answer create = rig.call(nuage, "POST", "/v1/tenants/load/instances", FaultRig.instance(name));
                    FaultRig.Answer read = rig.call(nuage, "GET", "/v1/tenants/load/instances?limit=10", null);
                    if (create.status() == 201) {
                        accepted.add(name);
                    }
                    if (window[0] != 0 && window[1] == 0) {
                        during.merge("POST " + label(create), 1, Integer::sum);
                        during.merge("GET " + label(read), 1, Integer::sum);
                    }
                    try {
                        Thread.sleep(100); // a steady trickle, not a flood: what is measured is the answer
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "fault-client");
            client.start();
            try {
                awaitCount(accepted, 20);
                window[0] = System.nanoTime();
                rig.stopPostgres();
                Thread.sleep(TimeUnit.SECONDS.toMillis(OUTAGE_SECONDS)); // the fault itself lasts this long
                rig.startPostgresAgain();
                window[1] = System.nanoTime();
                int before = accepted.size();
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                while (accepted.size() == before && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                double servingAgain = (System.nanoTime() - window[1]) / 1e9;
                running.on = false;
                client.join(60_000);

                double converged = -1;
                deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                Map<String, JsonNode> listed = Map.of();
                while (System.nanoTime() < deadline) {
                    listed = rig.instances(nuage, "load");
                    if (listed.keySet().containsAll(accepted)
                            && listed.values().stream().allMatch(i -> "running".equals(i.path("status").path("phase").asText()))) {
                        converged = (System.nanoTime() - window[1]) / 1e9;
                        break;
                    }
                    Thread.sleep(500);
                }
                long withoutUp = withoutUpTransition(rig, listed);
                // The writer gathers a batch for 200 ms: give it its time, no more.
                for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15); withoutUp > 0 && System.nanoTime() < until;) {
                    Thread.sleep(200);
                    withoutUp = withoutUpTransition(rig, listed);
                }
                FaultRig.figure(String.format("| PostgreSQL stopped %d s, %d instances | answers meanwhile: %s | creates accepted"
                        + " again %.1f s after it returned; all %d running %s after (goal ≤ 10 s); instances without an up transition in the"
                        + " ledger: %d |", OUTAGE_SECONDS, listed.size(), new TreeMap<>(during), servingAgain, listed.size(),
                        converged < 0 ? "NOT within 5 min" : String.format("%.1f s", converged), withoutUp));
                assertTrue(converged > 0, "every instance running within 5 minutes of the database's return");
                assertTrue(converged <= 10, "converged within 10 s of the database's return: " + converged);
                assertTrue(during.keySet().stream().allMatch(k -> k.matches("(POST|GET) (503 problem\\+json|20[01].*)")),
                        "only 503 problem+json while the database is away (or success at its edges): " + during);
                assertEquals(0, withoutUp, "the ledger has every instance's transition to up");
            } finally {
                running.on = false;
                client.interrupt();
                client.join(60_000);
            }
        }
    }

    /** A mutable flag the client thread reads. */
    private static final class Flag {
        volatile boolean on = true;
    }

    private static String label(FaultRig.Answer a) {
        if (a.status() == -1) {
            return "no answer";
        }
        return a.status() + (a.contentType().startsWith("application/problem+json") ? " problem+json" : "");
    }

    private static void awaitCount(Set<String> accepted, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (accepted.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + accepted.size() + " creates accepted before the outage");
            }
            Thread.sleep(50);
        }
    }

    /** Running instances whose ledger history has no transition to up: a transition lost. */
    private static long withoutUpTransition(FaultRig rig, Map<String, JsonNode> listed) throws Exception {
        Set<String> withUp = ConcurrentHashMap.newKeySet();
        try (Connection c = rig.sql(); Statement st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT DISTINCT resource_id FROM ledger_transitions WHERE category = 'up'")) {
            while (r.next()) {
                withUp.add(r.getString(1));
            }
        }
        return listed.values().stream().filter(i -> !withUp.contains(i.get("id").asText())).count();
    }
}
