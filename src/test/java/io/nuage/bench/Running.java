package io.nuage.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** How many instances read {@code running} in Nuage's database, and when (nanoTime) that was counted. */
record Running(long instances, long at) {

    static Running count(NuageProcess nuage) throws Exception {
        try (Connection c = nuage.postgres(); var st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT count(*) FROM instances WHERE phase = 'running'")) {
            r.next();
            return new Running(r.getLong(1), System.nanoTime());
        }
    }

    /** Instances per second that reached running between {@code before} and this count. */
    double since(Running before) {
        return (instances - before.instances) / ((at - before.at) / 1e9);
    }

    /**
     * When (nanoTime) every measured instance read {@code running} in Nuage's database, polled every 100 ms. Each poll
     * asks only about those not seen running yet, so that the harness's queries cost PostgreSQL less as the backlog
     * drains (they run beside the reconciler's).
     */
    static Running awaitAll(NuageProcess nuage, Set<String> ids, long firstSent) throws Exception {
        int n = ids.size();
        Set<UUID> waiting = new HashSet<>();
        ids.forEach(id -> waiting.add(UUID.fromString(id)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(600, n / 10));
        long report = 0;
        try (Connection c = nuage.postgres();
                PreparedStatement st = c.prepareStatement("SELECT id FROM instances WHERE phase = 'running' AND id = ANY (?)")) {
            while (true) {
                st.setArray(1, c.createArrayOf("uuid", waiting.toArray()));
                try (ResultSet r = st.executeQuery()) {
                    while (r.next()) {
                        waiting.remove(r.getObject(1, UUID.class));
                    }
                }
                long now = System.nanoTime();
                if (waiting.isEmpty()) {
                    return count(nuage);
                }
                if (now > deadline) {
                    throw new AssertionError("only " + (n - waiting.size()) + " of the " + n + " measured instances running after "
                            + (now - firstSent) / 1_000_000_000 + " s");
                }
                if (now > report) {
                    System.out.printf("... %,d of the %,d measured instances running, %.1f s after the first of them%n",
                            n - waiting.size(), n, (now - firstSent) / 1e9);
                    report = now + TimeUnit.SECONDS.toNanos(5);
                }
                Thread.sleep(100);
            }
        }
    }
}
