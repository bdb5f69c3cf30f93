package io.nuage.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time used so far, read from Linux's /proc: per thread group of one process (threads named
 * alike, numbers stripped: "vert.x-eventloop-thread-3" counts as "vert.x-eventloop-thread") and
 * in total for a process and its descendants. Where the cores went during a benchmark phase is the
 * difference of two readings. Empty on systems without /proc.
 */
record CpuUsage(Map<String, Long> millisByGroup) {

    /** Clock ticks per second of /proc's times: 100 on every Linux this runs on (USER_HZ). */
    private static final long TICK_MILLIS = 10;

    /** The threads of {@code pid}, grouped by name. */
    static CpuUsage threadsOf(long pid) {
        Map<String, Long> groups = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            tasks.forEach(task -> {
                String[] stat = stat(task.resolve("stat"));
                if (stat != null) {
                    groups.merge(stat[0].replaceAll("[-#\\d]+$", ""), millis(stat), Long::sum);
                }
            });
        } catch (IOException | RuntimeException e) {
            return new CpuUsage(Map.of());
        }
        return new CpuUsage(groups);
    }

    /** CPU time of these processes together, in milliseconds. */
    static long processMillis(long... pids) {
        return processes(pids).total();
    }

    /**
     * These processes grouped by what their command line says they are, so PostgreSQL's show as "postgres: walwriter",
     * "postgres: autovacuum launcher", and its connections as "postgres: postgres postgres 127.0.0.1" (one group).
     */
    static CpuUsage processes(long... pids) {
        Map<String, Long> groups = new TreeMap<>();
        for (long pid : pids) {
            String[] stat = stat(Path.of("/proc/" + pid + "/stat"));
            if (stat != null) {
                groups.merge(commandLine(pid), millis(stat), Long::sum);
            }
        }
        return new CpuUsage(groups);
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

    /** This reading minus an earlier one. */
    CpuUsage since(CpuUsage earlier) {
        Map<String, Long> diff = new TreeMap<>();
        millisByGroup.forEach((group, ms) -> diff.put(group, ms - earlier.millisByGroup.getOrDefault(group, 0L)));
        diff.values().removeIf(ms -> ms <= 0);
        return new CpuUsage(diff);
    }

    long total() {
        return millisByGroup.values().stream().mapToLong(Long::longValue).sum();
    }

    /** {comm, fields after it...}: the name is in parentheses and may hold spaces. */
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
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    /** utime + stime: fields 14 and 15 of stat, here at 12 and 13 (state is field 3, at 1). */
    private static long millis(String[] stat) {
        return (Long.parseLong(stat[12]) + Long.parseLong(stat[13])) * TICK_MILLIS;
    }
}
