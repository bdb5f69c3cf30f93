package io.nuage.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * CPU time used during a benchmark phase, in milliseconds, from Linux's /proc: in total, and per group of threads
 * (or processes) that share a name. It is the difference of two {@link Reading}s. Threads and processes that exited
 * between the readings are in the total and, where not attributable, in the group "(exited)".
 */
record CpuUsage(Map<String, Long> millisByGroup, long total) {

    /** Clock ticks per second of /proc's times: 100 on every Linux this runs on (USER_HZ). */
    private static final long TICK_MILLIS = 10;

    /** CPU so far of each thread or process id, its group, and the total including those that exited. */
    record Reading(Map<Long, String> groupOf, Map<Long, Long> millisOf, long totalMillis) {

        CpuUsage since(Reading earlier) {
            Map<String, Long> groups = new TreeMap<>();
            millisOf.forEach((id, ms) -> groups.merge(groupOf.get(id), ms - earlier.millisOf.getOrDefault(id, 0L), Long::sum));
            long total = totalMillis - earlier.totalMillis;
            long exited = total - groups.values().stream().mapToLong(Long::longValue).sum();
            if (exited > 0) {
                groups.put("(exited)", exited);
            }
            groups.values().removeIf(ms -> ms <= 0);
            return new CpuUsage(groups, total);
        }
    }

    /**
     * The threads of process {@code pid}, grouped by name with numbers stripped ("vert.x-eventloop-thread-3" is
     * "vert.x-eventloo": Linux keeps 15 characters of a thread's name, and Quarkus's, the mock server's and Fabric8's
     * Vert.x event loops all share that one). The total is the process's, which includes its exited threads.
     */
    static Reading threadsOf(long pid) {
        Map<Long, String> groupOf = new HashMap<>();
        Map<Long, Long> millisOf = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            tasks.forEach(task -> {
                String[] stat = stat(task.resolve("stat"));
                if (stat != null) {
                    long tid = Long.parseLong(task.getFileName().toString());
                    groupOf.put(tid, stat[0].replaceAll("[-#\\d]+$", ""));
                    millisOf.put(tid, millis(stat));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the threads of process " + pid, e);
        }
        return new Reading(groupOf, millisOf, processMillis(pid));
    }

    /**
     * PostgreSQL's processes: {@code postmaster} and its children, grouped by what their command line says they are
     * ("postgres: walwriter"; connections as "postgres: postgres postgres 127.0.0.1"). The total adds the CPU of the
     * postmaster's children that exited (its cutime and cstime), such as autovacuum workers.
     */
    static Reading postgres(long postmaster, long... children) {
        Map<Long, String> groupOf = new HashMap<>();
        Map<Long, Long> millisOf = new HashMap<>();
        long total = 0;
        for (long pid : LongStream.concat(LongStream.of(postmaster), LongStream.of(children)).toArray()) {
            String[] stat = stat(Path.of("/proc/" + pid + "/stat"));
            if (stat != null) {
                groupOf.put(pid, commandLine(pid));
                millisOf.put(pid, millis(stat));
                total += millis(stat);
                if (pid == postmaster) {
                    total += (Long.parseLong(stat[14]) + Long.parseLong(stat[15])) * TICK_MILLIS;
                }
            }
        }
        return new Reading(groupOf, millisOf, total);
    }

    /** CPU time of one process so far, its exited threads included. */
    static long processMillis(long pid) {
        String[] stat = stat(Path.of("/proc/" + pid + "/stat"));
        if (stat == null) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/stat");
        }
        return millis(stat);
    }

    private static String commandLine(long pid) {
        try {
            String line = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ').strip();
            // A connection's title ends with its client's port and what it is doing: keep who it is.
            return line.replaceAll("\\(\\d+\\).*$", "").replaceAll("(postgres: \\S+ \\S+ \\S+).*", "$1");
        } catch (IOException | RuntimeException gone) {
            return "?";
        }
    }

    /** {comm, fields after it...}: the name is in parentheses and may hold spaces. Null once the task is gone. */
    private static String[] stat(Path file) {
        try {
            String s = Files.readString(file);
            int open = s.indexOf('(');
            int close = s.lastIndexOf(')');
            String[] rest = s.substring(close + 2).split(" ");
            String[] out = new String[rest.length + 1];
            out[0] = s.substring(open + 1, close);
            System.arraycopy(rest, 0, out, 1, rest.length);
            return out;
        } catch (IOException gone) {
            return null;
        }
    }

    /** utime + stime: fields 14 and 15 of stat, here at 12 and 13 (state, field 3, is at 1). */
    private static long millis(String[] stat) {
        return (Long.parseLong(stat[12]) + Long.parseLong(stat[13])) * TICK_MILLIS;
    }
}
