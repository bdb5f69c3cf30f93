package io.nuage.terraform;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real terraform CLI in a working directory, finding the provider through a dev_overrides CLI configuration. */
final class Terraform {

    record Result(int exit, String output) {
    }

    private final Path dir;
    private final Map<String, String> env;

    Terraform(Path dir, Path providerDir, String endpoint, String token) throws Exception {
        this.dir = dir;
        Path cli = dir.resolve("dev.tfrc");
        Files.writeString(cli, """
                provider_installation {
                  dev_overrides {
                    "nuage.io/nuage/nuage" = "%s"
                  }
                  direct {}
                }
                """.formatted(providerDir));
        this.env = Map.of("TF_CLI_CONFIG_FILE", cli.toString(), "NUAGE_ENDPOINT", endpoint, "NUAGE_TOKEN", token,
                "TF_IN_AUTOMATION", "1", "TF_INPUT", "0", "CHECKPOINT_DISABLE", "1");
    }

    /** Where terraform is on PATH, or null. */
    static Path onPath() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, "terraform");
            if (!entry.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("terraform"));
        command.addAll(List.of(args));
        command.add("-no-color");
        Path log = dir.resolve("terraform.out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("terraform " + String.join(" ", args) + " did not end in 5 minutes");
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println("$ terraform " + String.join(" ", args) + " -> " + process.exitValue() + " in "
                + (System.nanoTime() - start) / 1_000_000 + " ms\n" + text);
        return new Result(process.exitValue(), text);
    }
}
