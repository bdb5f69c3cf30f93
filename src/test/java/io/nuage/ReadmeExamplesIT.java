package io.nuage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's examples, run as written: the packaged jar is started in an empty directory the way the README starts
 * it, and the README's bash blocks run in order in that directory, as one script under {@code set -e}. The README's
 * {@code api} helper makes curl fail on an error status, so any refused call fails the test with its problem+json.
 *
 * <p>A block preceded by {@code <!-- readme-test: skip, <reason> -->} is not run (building and starting the server,
 * which this test does itself; kubectl, which the test machine lacks). The only edits made to the text: the port
 * (8080 may be taken) and the cluster (simulated, whatever kubeconfig the machine has).
 */
class ReadmeExamplesIT {

    private static final Pattern BLOCK = Pattern.compile("(<!-- readme-test: skip[^\\n]*-->\\n)?```bash\\n(.*?)^```$",
            Pattern.DOTALL | Pattern.MULTILINE);

    @TempDir
    Path workDir;

    @Test
    void everyExampleRunsAsWritten() throws Exception {
        List<String> blocks = runnableBlocks(Files.readString(Path.of("README.md")));
        assertTrue(blocks.size() >= 3, "the first session, volumes and snapshots, SLA and usage: " + blocks.size());
        int port = freePort();
        // The import example's host is public, but this machine may have no DNS to look it up: it is allowed by name,
        // as an operator allows a mirror, so that the example runs as written without a network.
        Process server = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port, "-Dnuage.cluster.mode=simulated", "-Dnuage.storage.imports.allow=example.org",
                "-jar", System.getProperty("nuage.jar")))
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(workDir.resolve("nuage.log").toFile()).start();
        try {
            awaitReady(server, port, workDir.resolve("nuage.log"));
            // Each top-level command is echoed as written (the DEBUG trap shows it unexpanded: no token in the output).
            String script = "set -eu -o pipefail\ntrap 'echo \"+ $BASH_COMMAND\" >&2' DEBUG\n"
                    + String.join("\n", blocks).replace("localhost:8080", "localhost:" + port);
            Files.writeString(workDir.resolve("readme.sh"), script);
            // The README runs the example scripts as a newcomer would, from a checkout.
            Files.createDirectories(workDir.resolve("examples"));
            Path example = workDir.resolve("examples/ci-environment.sh");
            Files.copy(Path.of("examples/ci-environment.sh"), example);
            example.toFile().setExecutable(true);
            Path output = workDir.resolve("readme.out");
            Process bash = new ProcessBuilder("bash", "readme.sh").directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!bash.waitFor(5, TimeUnit.MINUTES)) {
                bash.destroyForcibly();
                throw new AssertionError("the README's examples still ran after 5 minutes:\n" + Files.readString(output));
            }
            assertEquals(0, bash.exitValue(), "a README example failed:\n" + Files.readString(output));
            String out = Files.readString(output);
            assertTrue(out.contains("is ready") && out.matches("(?s).*environment ci-[0-9]+ deleted.*"),
                    "examples/ci-environment.sh ran to its end:\n" + out);
            assertTrue(Files.readString(workDir.resolve("usage.csv")).startsWith("kind,name,id,category,hours"),
                    "the usage CSV the README saves");
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** The bash blocks of the README, in order, without those marked to be skipped. */
    static List<String> runnableBlocks(String readme) {
        List<String> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            if (m.group(1) == null) {
                blocks.add(m.group(2));
            }
        }
        return blocks;
    }

    private static void awaitReady(Process server, int port, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("server exited: " + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not ready within 120 s: " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
