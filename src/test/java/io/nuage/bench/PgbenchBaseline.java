package io.nuage.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Baseline A of the sustained benchmark: what the same embedded PostgreSQL does with raw single-row inserts, measured
 * by {@code pgbench} from the client tools on the PATH. The table is a throwaway one shaped like an instance row (a
 * uuid key and a few columns of the same types) and is dropped afterwards, so that Nuage's own tables stay as they
 * were. pgbench opens its connections before its clock starts: its tps counts inserts only.
 */
final class PgbenchBaseline {

    private static final String TABLE = "bench_single_row_inserts";
    /** pgbench 15 says "tps = N (without initial connection time)"; older ones "(excluding connections establishing)". */
    private static final Pattern TPS = Pattern.compile("(?m)^tps = ([\\d.]+) \\((without initial connection time|excluding)");
    private static final Pattern TRANSACTIONS = Pattern.compile("(?m)^number of transactions actually processed: (\\d+)");

    /** Inserts per second, and how many pgbench made in all. */
    record Result(double insertsPerSecond, long inserts) {
    }

    private PgbenchBaseline() {
    }

    /** {@code clients} pgbench clients (on 2 threads) inserting one row per transaction for {@code seconds}. */
    static Result run(NuageProcess nuage, Path dir, int clients, int seconds) throws Exception {
        Files.createDirectories(dir);
        String port;
        try (Connection c = nuage.postgres(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + TABLE);
            st.execute("CREATE TABLE " + TABLE + " (id uuid PRIMARY KEY, tenant_id uuid NOT NULL, name text NOT NULL,"
                    + " vcpus integer NOT NULL, memory_mib integer NOT NULL, image text NOT NULL, phase text NOT NULL,"
                    + " created_at timestamptz NOT NULL)");
            try (ResultSet r = st.executeQuery("SHOW port")) {
                r.next();
                port = r.getString(1);
            }
        }
        Path script = dir.resolve("insert.sql");
        // One statement per transaction (pgbench's autocommit), as an API create commits its row; :client_id and
        // :random make each client's rows differ, gen_random_uuid() (PostgreSQL 13 on) makes the key as Nuage's is made.
        Files.writeString(script, """
                \\set n random(1, 1000000000)
                INSERT INTO %s (id, tenant_id, name, vcpus, memory_mib, image, phase, created_at) VALUES (gen_random_uuid(), \
                gen_random_uuid(), 'vm-' || :client_id || '-' || :n, 1, 512, 'quay.io/containerdisks/fedora:41', 'pending', now());
                """.formatted(TABLE));
        Path log = dir.resolve("pgbench.log");
        ProcessBuilder pgbench = new ProcessBuilder(List.of("pgbench", "-n", "-c", Integer.toString(clients), "-j",
                Integer.toString(Math.min(2, clients)), "-T", Integer.toString(seconds), "-f", script.toString(), "-h", "127.0.0.1",
                "-p", port, "-U", "postgres", "postgres")).redirectErrorStream(true).redirectOutput(log.toFile());
        pgbench.environment().put("PGPASSWORD", Files.readString(nuage.dataDir.resolve("database-password")).trim());
        Process p = pgbench.start();
        if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("pgbench did not end within " + (seconds + 60) + " s: " + Files.readString(log));
        }
        String out = Files.readString(log);
        Matcher tps = TPS.matcher(out);
        Matcher transactions = TRANSACTIONS.matcher(out);
        if (p.exitValue() != 0 || !tps.find() || !transactions.find()) {
            throw new AssertionError("pgbench exited " + p.exitValue() + ": " + out);
        }
        try (Connection c = nuage.postgres(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE " + TABLE);
        }
        return new Result(Double.parseDouble(tps.group(1)), Long.parseLong(transactions.group(1)));
    }
}
