package io.nuage.api.contract;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.nuage.compute.Instances;

/**
 * Valid request bodies: the document's example when it has one, else one kept here per schema. Either way the values
 * that name other resources, or must be fresh or in the future, are bound to the fixtures: an example names resources
 * of its own story ("backend", "db-1"), not this tenant's.
 */
final class Bodies {

    private final OpenApiDoc doc;
    private final Fixtures fx;
    private final AtomicInteger count = new AtomicInteger();

    Bodies(OpenApiDoc doc, Fixtures fx) {
        this.doc = doc;
        this.fx = fx;
    }

    /** A valid body of the operation, for a resource of this name when it changes one (null: a new one). */
    ObjectNode valid(OpenApiDoc.Operation op, String pathName) {
        JsonNode media = op.node().path("requestBody").path("content").path("application/json");
        String schema = OpenApiDoc.componentName(media.path("schema"));
        JsonNode example = example(media);
        if (example == null) {
            example = example(doc.resolve(media.path("schema")));
        }
        ObjectNode body = example instanceof ObjectNode o ? o.deepCopy() : built(schema);
        bind(schema, body, pathName);
        return body;
    }

    /** A valid value of a component schema, e.g. an item of an array of them. */
    ObjectNode of(String schema) {
        ObjectNode body = built(schema);
        bind(schema, body, null);
        return body;
    }

    /** The {@code example}, or the first of the {@code examples}, of a media type or a schema; a JSON text is read. */
    private static JsonNode example(JsonNode node) {
        JsonNode example = node.path("example");
        if (example.isMissingNode()) {
            JsonNode examples = node.path("examples");
            example = examples.isArray() ? examples.path(0) : examples.elements().hasNext() ? examples.elements().next().path("value") : examples;
        }
        if (example.isTextual() && example.asText().trim().startsWith("{")) {
            try {
                return OpenApiDoc.JSON.readTree(example.asText());
            } catch (java.io.IOException e) {
                return example;
            }
        }
        return example.isMissingNode() ? null : example;
    }

    private ObjectNode built(String schema) {
        ObjectNode b = OpenApiDoc.JSON.createObjectNode();
        switch (schema == null ? "" : schema) {
            case "TenantCreate" -> b.put("name", "x").put("display_name", "Contract").put("sla_target", 99.9)
                    .<ObjectNode>set("quota", b.objectNode().put("vcpus", 8).put("memory_mib", 16384).put("instances", 5))
                    .<ObjectNode>set("labels", b.objectNode().put("team", "contract")).putArray("regions").add(fx.region);
            case "TenantPatch" -> b.put("display_name", "Changed").put("sla_target", 99.5);
            case "InstanceCreate" -> {
                b.put("name", "x").put("vcpus", 1).put("memory_mib", 128).put("image", Instances.IMAGE).put("running", true)
                        .put("user_data", "#cloud-config\n").put("region", fx.region);
                b.putArray("ssh_keys").add("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJQfdIL7vkwbpLPMjjTOMUidIPIRbr0lBtBlz6kWg9uS me@laptop");
                b.putArray("networks").add(of("InstanceNetwork"));
                b.putArray("volumes").add(Fixtures.FREE_VOLUME);
                b.putArray("ssh_key_names").add(Fixtures.SSH_KEY);
                b.putObject("labels").put("tier", "web");
            }
            case "InstancePatch" -> b.put("vcpus", 2).putObject("labels").put("tier", "db");
            case "InstanceNetwork" -> b.put("network", Fixtures.NETWORK);
            case "NetworkCreate" -> {
                b.put("name", "x").put("cidr", "10.251.0.0/24").put("gateway", "10.251.0.1");
                b.putArray("dns_servers").add("10.251.0.53");
                b.putArray("firewall_rules").add(of("FirewallRule"));
            }
            case "NetworkPatch" -> b.putArray("dns_servers").add("10.251.0.54");
            case "FirewallRule" -> b.put("direction", "ingress").put("protocol", "tcp").put("ports", "22").put("source_cidr", "203.0.113.0/24");
            case "VolumeCreate" -> b.put("name", "x").put("size_gib", 1).putObject("source").putObject("blank");
            case "VolumePatch" -> b.put("size_gib", 2);
            case "VolumeAttach" -> b.put("volume", Fixtures.ATTACH_VOLUME);
            case "VolumeExportCreate" -> b.put("ttl_seconds", 600);
            case "SnapshotCreate" -> b.put("name", "x").put("instance", Fixtures.INSTANCE);
            case "EnvironmentCreate" -> b.put("name", "x").put("ttl", "2h").putObject("labels").put("ci", "contract");
            case "EnvironmentPatch" -> b.put("ttl", "3h");
            case "EnvironmentExtend" -> b.put("ttl", "4h");
            case "PublicIpCreate" -> b.put("name", "x").put("region", fx.region).putObject("labels").put("app", "contract");
            case "PublicIpAttach" -> {
                b.put("instance", Fixtures.INSTANCE);
                b.putArray("ports").addObject().put("port", 22).put("protocol", "tcp");
            }
            case "TokenCreate" -> b.put("name", "x").put("role", "viewer").put("expires_at", "x");
            case "SshKeyCreate" -> b.put("name", "x").put("public_key", Fixtures.SSH_PUBLIC_KEY).putObject("labels").put("team", "ops");
            case "SshKeyPatch" -> b.putObject("labels").put("team", "dev");
            case "InstanceTypeCreate" -> b.put("name", "x").put("vcpus", 1).put("memory_mib", 512).put("dedicated_cpus", false)
                    .putObject("labels").put("family", "s");
            case "InstanceTypePatch" -> b.putObject("labels").put("family", "m");
            case "MaintenanceWindowCreate" -> b.put("region", fx.region).put("tenant", fx.tenant).put("starts_at", "x")
                    .put("ends_at", "x").put("reason", "Hypervisor kernel upgrade");
            default -> { } // an unknown schema: an empty body, and its refusal is reported
        }
        return b;
    }

    /** Binds names and times to the fixtures, whatever the example said; fields the body lacks stay out. */
    private void bind(String schema, ObjectNode b, String pathName) {
        if (b.has("name")) {
            b.put("name", pathName != null ? pathName : "ct-" + count.incrementAndGet());
        }
        if (b.has("region")) {
            b.put("region", fx.region);
        }
        switch (schema == null ? "" : schema) {
            case "TenantCreate", "TenantPatch" -> {
                if (b.has("regions")) {
                    b.putArray("regions").add(fx.region);
                }
            }
            case "InstanceCreate" -> {
                if (b.path("networks").isArray()) {
                    ArrayNode nics = b.putArray("networks");
                    nics.add(of("InstanceNetwork").put("ip", Fixtures.NETWORK_FREE_IP));
                }
                if (b.path("volumes").isArray()) {
                    b.putArray("volumes").add(Fixtures.FREE_VOLUME);
                }
            }
            case "InstanceNetwork" -> b.put("network", Fixtures.NETWORK);
            case "NetworkPatch" -> {
                for (String fixed : new String[] {"cidr", "gateway"}) {
                    if (b.has(fixed)) {
                        b.set(fixed, fx.spare("networks").path(fixed));
                    }
                }
            }
            case "VolumeCreate" -> bindSource(b.path("source"));
            case "VolumePatch" -> b.put("size_gib", Math.max(b.path("size_gib").asInt(), fx.spare("volumes").path("size_gib").asInt() + 1));
            case "VolumeAttach" -> b.put("volume", Fixtures.ATTACH_VOLUME);
            case "VolumeExportCreate" -> b.put("ttl_seconds", 600);
            case "SnapshotCreate", "PublicIpAttach" -> b.put("instance", Fixtures.INSTANCE);
            case "TokenCreate" -> {
                if (b.has("expires_at")) {
                    b.put("expires_at", Fixtures.inDays(30).toString());
                }
            }
            case "MaintenanceWindowCreate" -> {
                b.put("starts_at", Fixtures.inDays(2).toString()).put("ends_at", Fixtures.inDays(2).plus(2, ChronoUnit.HOURS).toString());
                if (b.has("tenant")) {
                    b.put("tenant", fx.tenant);
                }
            }
            default -> { }
        }
    }

    /** Imports from hosts the tests' DNS knows; a snapshot source from the fixture snapshot and its volume. */
    private static void bindSource(JsonNode source) {
        if (source instanceof ObjectNode s) {
            if (s.has("image_url")) {
                s.put("image_url", "https://images.invalid/disk.qcow2");
            }
            if (s.has("registry")) {
                s.put("registry", Instances.IMAGE);
            }
            if (s.has("snapshot")) {
                s.put("snapshot", Fixtures.SNAPSHOT).put("volume", Fixtures.VOLUME);
            }
        }
    }
}
