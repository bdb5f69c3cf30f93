package io.nuage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Spectral's OpenAPI ruleset (.spectral.yaml) finds no error and no warning in the contract, in both its committed
 * renderings (OpenApiContractTest keeps them equal to what is served). Spectral is pinned in tools/spectral and
 * installed there from its lock file on the first run; only a machine without npm skips this test.
 */
class SpectralLintIT {

    private static final Path TOOL = Path.of("tools", "spectral");
    private static final Path SPECTRAL = TOOL.resolve(Path.of("node_modules", ".bin", "spectral"));
    private static final List<String> DOCUMENTS = List.of("openapi/openapi.yaml", "openapi/openapi-3.0.yaml");
    /** Spectral's severities, by their number in its JSON output. */
    private static final List<String> SEVERITIES = List.of("error", "warning", "info", "hint");

    @Test
    void theContractHasNoSpectralErrorOrWarning() throws IOException, InterruptedException {
        // Where CI=true (CI services set it) the lint must run: there, no npm is a failure, not a skip.
        assertTrue(onPath("npm") || System.getenv("CI") == null, "npm is not installed, and CI must run Spectral");
        assumeTrue(onPath("npm"), "npm is not installed, so Spectral cannot be: the lint of openapi/ is skipped");
        install();
        List<String> command = new ArrayList<>(List.of(SPECTRAL.toString(), "lint"));
        command.addAll(DOCUMENTS);
        command.addAll(List.of("--ruleset", ".spectral.yaml", "--format", "json"));
        Run lint = run(command, Path.of("."), 300);
        JsonNode findings;
        try {
            findings = new ObjectMapper().readTree(lint.out());
        } catch (IOException e) {
            throw new AssertionError("Spectral did not answer JSON (exit " + lint.exit() + "): " + lint.out() + lint.err(), e);
        }
        assertTrue(findings != null && findings.isArray(), "Spectral's output: " + lint.out() + lint.err());
        List<String> failing = new ArrayList<>();
        Map<String, Integer> byRule = new TreeMap<>();
        for (JsonNode f : findings) {
            String severity = SEVERITIES.get(f.path("severity").asInt());
            String line = String.format("%s %s %s:%d %s: %s", severity, f.path("code").asText(),
                    Path.of(f.path("source").asText()).getFileName(), f.at("/range/start/line").asInt() + 1,
                    pointer(f.path("path")), f.path("message").asText());
            System.out.println(line);
            if (f.path("severity").asInt() <= 1) {
                failing.add(line);
                byRule.merge(severity + " " + f.path("code").asText(), 1, Integer::sum);
            }
        }
        if (!failing.isEmpty()) {
            fail(failing.size() + " Spectral errors and warnings on " + DOCUMENTS + ", by rule " + byRule + ":\n"
                    + String.join("\n", failing));
        }
    }

    /** npm ci from the lock file, when node_modules is absent or older than the lock. */
    private static void install() throws IOException, InterruptedException {
        Path installed = TOOL.resolve(Path.of("node_modules", ".package-lock.json"));
        Path lock = TOOL.resolve("package-lock.json");
        if (Files.exists(installed) && Files.exists(SPECTRAL)
                && !Files.getLastModifiedTime(installed).toInstant().isBefore(Files.getLastModifiedTime(lock).toInstant())) {
            return;
        }
        Run ci = run(List.of("npm", "ci"), TOOL, 600); // in TOOL, so that its .npmrc applies
        assertEquals(0, ci.exit(), "npm ci in " + TOOL + " failed: " + ci.out() + ci.err());
    }

    private static String pointer(JsonNode path) {
        StringBuilder pointer = new StringBuilder("#");
        path.forEach(segment -> pointer.append('/').append(segment.asText().replace("~", "~0").replace("/", "~1")));
        return pointer.toString();
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private record Run(int exit, String out, String err) {
    }

    /** Runs a command with its output in files, so that standard output stays pure JSON and a hang times out. */
    private static Run run(List<String> command, Path dir, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("spectral", ".out");
        Path err = Files.createTempFile("spectral", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " took more than " + timeoutSeconds + " s");
            }
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
