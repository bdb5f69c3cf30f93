package io.nuage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Which way the arrows go (DESIGN.md), read from the sources' imports and qualified names: a package uses only packages of
 * lower layers, so no two packages import each other and nothing below the API or the reconciler knows them.
 * A new package fails here until it is given its layer.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/io/nuage");

    /** Top first. A package may import the packages of the layers below its own, never its own layer's or above. */
    private static final List<Set<String>> LAYERS = List.of(
            Set.of("api", "reconciler"),
            Set.of("environment", "console", "portability"),
            Set.of("compute"),
            Set.of("image", "publicip"),
            Set.of("network", "storage", "billing"),
            Set.of("sla"),
            Set.of("tenancy"),
            Set.of("work", "errors", "status", "simulator", "idempotency", "events", "audit"),
            Set.of("kubevirt"),
            Set.of("db"),
            Set.of("platform"));

    /**
     * The simulated cluster is chosen by the wiring of the cluster client alone, and started alone, in a process of its
     * own, by the jar's entry point.
     */
    private static final Set<String> MAY_USE_SIMULATOR = Set.of("reconciler/Cluster.java", "reconciler/NuageMain.java");

    /** The simulated KubeVirt's controllers mirror upstream state machines; every other class stays small. */
    private static final Set<String> MAY_BE_LONG = Set.of("simulator/VirtualMachineController.java");
    private static final int MAX_LINES = 300;

    /** An import, static import or fully qualified name of a class of another package. */
    private static final Pattern USE = Pattern.compile("\\bio\\.nuage\\.([a-z]+)\\.[A-Za-z]");

    @Test
    void everyPackageHasALayerAndImportsOnlyLowerOnes() {
        List<String> wrong = new ArrayList<>();
        imports().forEach((file, used) -> {
            String own = file.substring(0, file.indexOf('/'));
            int layer = layer(own);
            if (layer < 0) {
                wrong.add(file + ": package '" + own + "' has no layer in ArchitectureTest.LAYERS");
                return;
            }
            for (String other : used) {
                if (other.equals(own)) {
                    continue;
                }
                if (other.equals("simulator") && !MAY_USE_SIMULATOR.contains(file)) {
                    wrong.add(file + " uses the simulator: only " + MAY_USE_SIMULATOR + " may");
                } else if (layer(other) <= layer) {
                    wrong.add(file + " (" + own + ") imports " + other + ", which is not below it");
                }
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void noTwoPackagesImportEachOther() {
        Map<String, Set<String>> edges = new TreeMap<>();
        imports().forEach((file, used) -> {
            String own = file.substring(0, file.indexOf('/'));
            used.stream().filter(u -> !u.equals(own)).forEach(u -> edges.computeIfAbsent(own, k -> new TreeSet<>()).add(u));
        });
        List<String> pairs = new ArrayList<>();
        edges.forEach((from, tos) -> tos.forEach(to -> {
            if (from.compareTo(to) < 0 && edges.getOrDefault(to, Set.of()).contains(from)) {
                pairs.add(from + " <-> " + to);
            }
        }));
        assertEquals(List.of(), pairs);
    }

    @Test
    void classesStaySmall() {
        List<String> long_ = new ArrayList<>();
        sources().forEach((file, text) -> {
            long lines = text.lines().count();
            if (lines > MAX_LINES && !MAY_BE_LONG.contains(file)) {
                long_.add(file + ": " + lines + " lines");
            }
        });
        assertEquals(List.of(), long_, "classes over " + MAX_LINES + " lines");
    }

    @Test
    void theRulesReadTheSources() {
        assertTrue(sources().size() > 100, "the main sources were found from the working directory");
    }

    /** By file (package/Name.java), the top-level packages of io.nuage it imports. */
    private static Map<String, Set<String>> imports() {
        Map<String, Set<String>> imports = new TreeMap<>();
        sources().forEach((file, text) -> {
            Set<String> used = new TreeSet<>();
            Matcher m = USE.matcher(text.replaceFirst("(?m)^package [^;]+;", ""));
            while (m.find()) {
                used.add(m.group(1));
            }
            imports.put(file, used);
        });
        return imports;
    }

    private static Map<String, String> sources() {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(MAIN.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }

    private static int layer(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return i;
            }
        }
        return -1;
    }
}
