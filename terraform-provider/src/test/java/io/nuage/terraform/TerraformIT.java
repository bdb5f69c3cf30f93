package io.nuage.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The provider driven by the real terraform CLI against a Nuage started with its embedded defaults, on the README's
 * example (a tenant's network, volume and two instances) plus a token, a snapshot and the data sources. One test,
 * in the order a user meets things, because each terraform command starts the provider a few times.
 */
class TerraformIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String EXTRAS = """
            resource "nuage_token" "ci" {
              tenant = nuage_tenant.demo.name
              name   = "ci"
              role   = "member"
            }

            resource "nuage_snapshot" "before" {
              tenant   = nuage_tenant.demo.name
              name     = "before"
              instance = nuage_instance.web[0].name
            }

            data "nuage_instance" "first" {
              tenant = nuage_tenant.demo.name
              name   = nuage_instance.web[0].name
            }

            data "nuage_tenant" "demo" {
              name = nuage_tenant.demo.name
            }

            data "nuage_availability" "demo" {
              tenant = nuage_tenant.demo.name
            }

            output "first_status" {
              value = data.nuage_instance.first.status
            }

            output "tenant_quota_vcpus" {
              value = data.nuage_tenant.demo.quota.vcpus
            }

            output "sla_target" {
              value = data.nuage_availability.demo.sla_target
            }
            """;

    // Every resource but one instance imported by import blocks (one plan for all); that one by terraform import.
    private static final String IMPORTS = """
            import {
              to = nuage_tenant.demo
              id = "tf-demo"
            }
            import {
              to = nuage_network.backend
              id = "tf-demo/backend"
            }
            import {
              to = nuage_volume.data
              id = "tf-demo/data"
            }
            import {
              to = nuage_instance.web[1]
              id = "tf-demo/web-2"
            }
            import {
              to = nuage_token.ci
              id = "tf-demo/ci"
            }
            import {
              to = nuage_snapshot.before
              id = "tf-demo/before"
            }
            """;

    // A failed import (.invalid cannot be reached) and one slower (5 s) than its 1 s create timeout.
    private static final String FAILURES = """
            resource "nuage_volume" "broken" {
              tenant   = nuage_tenant.demo.name
              name     = "broken"
              size_gib = 1
              source   = { image_url = "https://images.invalid/disk.qcow2" }
            }

            resource "nuage_volume" "slow" {
              tenant   = nuage_tenant.demo.name
              name     = "slow"
              size_gib = 1
              source   = { image_url = "https://example.org/disk.qcow2" }
              timeouts {
                create = "1s"
              }
            }
            """;

    @TempDir
    Path nuageDir;

    @TempDir
    Path workDir;

    @Test
    void theExampleLivesThroughTerraformsWholeLifecycle() throws Exception {
        assumeTrue(Terraform.onPath() != null, "terraform is not on PATH: these tests drive the real CLI");
        // .invalid imports are allowed so that a volume can fail for real (the simulated CDI cannot reach them), and
        // example.org without a DNS lookup; simulated VMs start in 0.6 s rather than 4 s.
        try (NuageServer nuage = new NuageServer(nuageDir, "-Dnuage.storage.imports.allow=*.invalid,example.org",
                "-Dnuage.cluster.simulator.provision-delay=300ms", "-Dnuage.cluster.simulator.start-delay=300ms")) {
            Path example = Path.of("..", "examples", "terraform", "main.tf");
            Files.copy(example, workDir.resolve("main.tf"));
            Files.writeString(workDir.resolve("extras.tf"), EXTRAS);
            Terraform tf = new Terraform(workDir, Path.of(System.getProperty("provider.launcher")).getParent()
                    .toAbsolutePath(), nuage.endpoint, nuage.adminToken);

            // From nothing: everything is created, and each create waited until ready or running.
            Terraform.Result apply = tf.run("apply", "-auto-approve");
            assertEquals(0, apply.exit(), apply.output());
            assertTrue(apply.output().contains("Resources: 7 added"), apply.output());
            assertEquals("running", get(nuage, "/v1/tenants/tf-demo/instances/web-2").path("status").path("phase")
                    .asText());
            assertEquals("web-1", get(nuage, "/v1/tenants/tf-demo/volumes/data").path("status").path("attached_to")
                    .asText());
            assertEquals("ready", get(nuage, "/v1/tenants/tf-demo/snapshots/before").path("status").path("phase")
                    .asText());
            String shown = tf.run("show", "-json").output();
            JsonNode outputs = JSON.readTree(shown).path("values").path("outputs");
            assertEquals("running", outputs.path("first_status").path("value").asText());
            assertEquals(8, outputs.path("tenant_quota_vcpus").path("value").asInt());
            assertTrue(outputs.path("sla_target").path("value").isNumber(), outputs.toString());
            // The token's secret, shown once by the API, is in the state (sensitive: hidden from plans and outputs).
            assertTrue(apply.output().contains("token      = (sensitive value)"), apply.output());
            assertTrue(shown.contains("\"token\":\"nuage_"));

            // Right after: nothing to do.
            assertEquals(0, tf.run("plan", "-detailed-exitcode").exit());

            // vcpus changes in place (PATCH under If-Match); the image replaces the instance.
            Terraform.Result resize = tf.run("plan", "-detailed-exitcode", "-var", "vcpus=2");
            assertEquals(2, resize.exit());
            assertTrue(resize.output().contains("nuage_instance.web[0] will be updated in-place"), resize.output());
            assertTrue(Pattern.compile("vcpus\\s+= 1 -> 2").matcher(resize.output()).find());
            assertFalse(resize.output().contains("must be replaced"));
            Terraform.Result reimage = tf.run("plan", "-var", "image=quay.io/containerdisks/ubuntu:24.04");
            assertTrue(reimage.output().contains("nuage_instance.web[0] must be replaced"), reimage.output());
            assertTrue(Pattern.compile("image\\s+= \"quay.io/containerdisks/fedora:41\" -> "
                    + "\"quay.io/containerdisks/ubuntu:24.04\" # forces replacement").matcher(reimage.output()).find());
            Files.writeString(workDir.resolve("terraform.tfvars"), "vcpus = 2\n");
            assertEquals(0, tf.run("apply", "-auto-approve").exit());
            assertEquals(2, get(nuage, "/v1/tenants/tf-demo/instances/web-1").path("vcpus").asInt());

            // Drift made through the API shows in the plan, and apply puts it back.
            assertEquals(200, nuage.api("PATCH", "/v1/tenants/tf-demo/instances/web-2",
                    "{\"labels\":{\"app\":\"changed\"}}").statusCode());
            Terraform.Result drift = tf.run("plan", "-detailed-exitcode");
            assertEquals(2, drift.exit());
            assertTrue(drift.output().contains("\"app\" = \"changed\" -> \"web\""), drift.output());

            // An instance deleted through the API leaves the state at the next refresh and is created again.
            String oldId = get(nuage, "/v1/tenants/tf-demo/instances/web-2").path("id").asText();
            assertEquals(202, nuage.api("DELETE", "/v1/tenants/tf-demo/instances/web-2", null).statusCode());
            assertEquals(404, nuage.api("GET", "/v1/tenants/tf-demo/instances/web-2?wait_for=deleted&timeout=60s",
                    null).statusCode());
            Terraform.Result recreate = tf.run("apply", "-auto-approve");
            assertEquals(0, recreate.exit(), recreate.output());
            assertTrue(recreate.output().contains("nuage_instance.web[1] will be created"), recreate.output());
            assertNotEquals(oldId, get(nuage, "/v1/tenants/tf-demo/instances/web-2").path("id").asText());

            // Every resource, out of the state, imported by tenant/name (the tenant by name) plans no change.
            assertEquals(0, tf.run("state", "rm", "nuage_tenant.demo", "nuage_network.backend", "nuage_volume.data",
                    "nuage_instance.web[0]", "nuage_instance.web[1]", "nuage_token.ci", "nuage_snapshot.before").exit());
            Terraform.Result bad = tf.run("import", "nuage_instance.web[0]", "web-1");
            assertTrue(bad.output().contains("import nuage_instance with tenant/name"), bad.output());
            Terraform.Result imported = tf.run("import", "nuage_instance.web[0]", "tf-demo/web-1");
            assertEquals(0, imported.exit(), imported.output());
            Files.writeString(workDir.resolve("imports.tf"), IMPORTS);
            Terraform.Result importing = tf.run("apply", "-auto-approve");
            assertEquals(0, importing.exit(), importing.output());
            assertTrue(importing.output().contains("Resources: 6 imported, 0 added, 0 changed, 0 destroyed"),
                    importing.output());
            Files.delete(workDir.resolve("imports.tf"));
            assertEquals(0, tf.run("plan", "-detailed-exitcode").exit());

            // A quota refusal is a diagnostic naming the attribute, with the problem's code.
            Terraform.Result quota = tf.run("apply", "-auto-approve", "-var", "vcpus=16");
            assertEquals(1, quota.exit());
            assertTrue(quota.output().contains("(quota_exceeded)"), quota.output());
            assertTrue(Pattern.compile("vcpus\\s+= var\\.vcpus").matcher(quota.output()).find(), quota.output());

            // A create that fails, or outlasts its timeout, leaves the resource tainted with the reason.
            Files.writeString(workDir.resolve("failures.tf"), FAILURES);
            Terraform.Result failures = tf.run("apply", "-auto-approve");
            assertEquals(1, failures.exit());
            assertTrue(failures.output().contains("nuage_volume broken failed: "), failures.output());
            assertTrue(failures.output().contains("nuage_volume slow is still importing"), failures.output());
            assertTrue(failures.output().contains("after 1s (create timeout)"), failures.output());
            String show = tf.run("show").output();
            assertTrue(show.contains("# nuage_volume.broken: (tainted)"), show);
            assertTrue(show.contains("# nuage_volume.slow: (tainted)"), show);

            // destroy removes everything, the tenant last (it can only go once empty).
            Terraform.Result destroy = tf.run("destroy", "-auto-approve");
            assertEquals(0, destroy.exit(), destroy.output());
            assertEquals(404, nuage.api("GET", "/v1/tenants/tf-demo", null).statusCode());
        }
    }

    private static JsonNode get(NuageServer nuage, String path) throws Exception {
        return JSON.readTree(nuage.api("GET", path, null).body());
    }
}
