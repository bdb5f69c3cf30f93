package io.nuage.api.contract;

import static io.nuage.api.TestApi.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.nuage.api.TestApi;
import io.nuage.compute.Instances;
import io.nuage.support.Await;

/**
 * What the operations' path parameters name, made before the first operation: a tenant with room in its quota, a
 * network, volumes, a stopped instance on them with a ready snapshot (what a restore needs), a token, an image of the
 * tenant and one of the catalog, and a maintenance window (read by name and by id). The resources the document's valid creates make are kept as spares: the changes and deletes act
 * on those, so the fixtures stay as the reads and the restore need them.
 */
final class Fixtures {

    static final String NETWORK = "fx-net";
    static final String NETWORK_CIDR = "10.250.0.0/24";
    static final String NETWORK_FREE_IP = "10.250.0.20";
    /** On the instance, so that its snapshot holds a volume (a volume can be made from it). */
    static final String VOLUME = "fx-vol";
    /** Free, for the volumes of an instance create. */
    static final String FREE_VOLUME = "fx-free";
    /** Free, for attaching to the spare instance and detaching. */
    static final String ATTACH_VOLUME = "fx-attach";
    static final String INSTANCE = "fx-vm";
    static final String SNAPSHOT = "fx-snap";
    static final String TOKEN = "fx-token";
    static final String ENVIRONMENT = "fx-env";
    static final String SSH_KEY = "fx-key";
    /** An instance type of the catalog, shared by every run: created when absent. */
    static final String INSTANCE_TYPE = "fx-type";
    static final String SSH_PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKt9RyDpg3r3DJ62K2gG9GLHZiaqsaBtFRPTewMj38t9 fx@contract";
    /** Running, for its serial console log. */
    static final String RUNNING_INSTANCE = "fx-run";
    static final String PUBLIC_IP = "fx-ip";
    static final String IMAGE = "fx-img";
    /** Ready and free, with an export (read by id); the export create's spare is deleted. */
    static final String EXPORT_VOLUME = "fx-exp";
    /** The spares and fixtures of the operator's catalog (/v1/images), apart from the tenant's images. */
    static final String CATALOG_IMAGES = "catalog-images";

    final String tenant = TestApi.unique("contract");
    final String region;
    final String window;
    final String export;
    /** The catalog is shared by every test: a name of this run's. */
    final String catalogImage = TestApi.unique("fx-cat");
    /** By collection (instances, volumes...), the answer to the document's valid create. */
    private final Map<String, JsonNode> spares = new HashMap<>();
    private final Map<String, String> ids = new HashMap<>();

    Fixtures() {
        admin().body(Map.of("name", tenant, "quota", Map.of("vcpus", 64, "memory_mib", 262144, "instances", 20, "storage_gib", 100000,
                "networks", 10, "volumes", 40, "snapshots", 20, "tokens", 40))).post("/v1/tenants").then().statusCode(201);
        region = admin().get("/v1/tenants/" + tenant).then().statusCode(200).extract().path("regions[0]");
        String base = "/v1/tenants/" + tenant;
        admin().body(Map.of("name", NETWORK, "cidr", NETWORK_CIDR)).post(base + "/networks").then().statusCode(201);
        for (String volume : List.of(VOLUME, FREE_VOLUME, ATTACH_VOLUME)) {
            admin().body(Map.of("name", volume, "size_gib", 1)).post(base + "/volumes").then().statusCode(201);
        }
        Map<String, Object> vm = Instances.body(INSTANCE, 1, 128);
        vm.put("running", false);
        vm.put("networks", List.of(Map.of("network", NETWORK)));
        vm.put("volumes", List.of(VOLUME));
        admin().body(vm).post(base + "/instances").then().statusCode(201);
        Instances.awaitPhase(tenant, INSTANCE, "stopped");
        admin().body(Instances.body(RUNNING_INSTANCE, 1, 128)).post(base + "/instances").then().statusCode(201);
        Instances.awaitPhase(tenant, RUNNING_INSTANCE, "running");
        admin().body(Map.of("name", SNAPSHOT, "instance", INSTANCE)).post(base + "/snapshots").then().statusCode(201);
        Await.until(Duration.ofSeconds(30), "snapshot " + SNAPSHOT + " ready", () -> "ready".equals(
                admin().get(base + "/snapshots/" + SNAPSHOT).then().extract().path("status.phase")));
        admin().body(Map.of("name", TOKEN, "role", "member")).post(base + "/tokens").then().statusCode(201);
        for (String images : List.of(base + "/images/", "/v1/images/")) {
            String name = images.startsWith(base) ? IMAGE : catalogImage;
            admin().body(Map.of("name", name, "size_gib", 1, "source", Map.of("registry", Instances.IMAGE))).post(images)
                    .then().statusCode(201);
        }
        admin().body(Map.of("name", ENVIRONMENT, "ttl", "1h")).post(base + "/environments").then().statusCode(201);
        admin().body(Map.of("name", SSH_KEY, "public_key", SSH_PUBLIC_KEY)).post(base + "/ssh-keys").then().statusCode(201);
        admin().body(Map.of("name", INSTANCE_TYPE, "vcpus", 1, "memory_mib", 512)).post("/v1/instance-types");
        admin().body(Map.of("name", PUBLIC_IP)).post(base + "/public-ips").then().statusCode(201);
        admin().body(Map.of("name", EXPORT_VOLUME, "size_gib", 1)).post(base + "/volumes").then().statusCode(201);
        Await.until(Duration.ofSeconds(30), "volume " + EXPORT_VOLUME + " ready", () -> "ready".equals(
                admin().get(base + "/volumes/" + EXPORT_VOLUME).then().extract().path("status.phase")));
        export = admin().post(base + "/volumes/" + EXPORT_VOLUME + "/export").then().statusCode(202).extract().path("id");
        window = admin().body(Map.of("region", region, "tenant", tenant, "starts_at", inDays(2).toString(),
                "ends_at", inDays(2).plus(2, ChronoUnit.HOURS).toString(), "reason", "Contract test"))
                .post("/v1/maintenance-windows").then().statusCode(201).extract().path("id");
    }

    static Instant inDays(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    }

    void spare(String collection, JsonNode created) {
        if (created != null && created.isObject()) {
            spares.put(collection, created);
        }
    }

    /** The spare of a collection as its create answered it, or a missing node when the create failed. */
    JsonNode spare(String collection) {
        return spares.getOrDefault(collection, com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    }

    /**
     * The operation's path with its parameters filled in: a change or delete acts on a spare (when the create made
     * one), a read and the restore on the fixtures.
     */
    String uri(OpenApiDoc.Operation op) {
        boolean onSpare = !op.method().equals("get") && !op.path().endsWith("/restore");
        String path = op.path();
        if (path.equals("/v1/instance-types/by-id/{id}")) {
            return path.replace("{id}", admin().get("/v1/instance-types/" + INSTANCE_TYPE).then().statusCode(200).extract().path("id"));
        }
        boolean catalog = path.startsWith("/v1/images");
        if (path.contains("/by-id/{id}")) {
            String kind = catalog ? CATALOG_IMAGES : segmentBefore(path, "by-id");
            return path.replace("{tenant}", tenant).replace("{id}", id(kind));
        }
        if (path.contains("/volumes/{name}/export")) {
            String id = onSpare && spare("export").has("id") ? spare("export").get("id").asText() : export;
            return path.replace("{tenant}", tenant).replace("{name}", EXPORT_VOLUME).replace("{id}", id);
        }
        if (path.endsWith("/console/log")) {
            return path.replace("{tenant}", tenant).replace("{name}", RUNNING_INSTANCE);
        }
        String collection = catalog ? CATALOG_IMAGES : path.contains("{kind}") ? "instances" : segmentBefore(path, "{name}");
        String name = onSpare && spare(collection).has("name") ? spare(collection).get("name").asText() : fixture(collection);
        // An import lands on an empty tenant: the spare one.
        String tenantName = (path.equals("/v1/tenants/{tenant}") || path.equals("/v1/tenants/{tenant}/import")) && onSpare && spare("tenants").has("name")
                ? spare("tenants").get("name").asText() : tenant;
        String windowId = onSpare && spare("maintenance-windows").has("id") ? spare("maintenance-windows").get("id").asText() : window;
        return path.replace("{tenant}", tenantName).replace("{kind}", "instances").replace("{name}", name)
                .replace("{volume}", ATTACH_VOLUME).replace("{id}", windowId);
    }

    /** The id of a collection's fixture, for the lookups by id. */
    private String id(String collection) {
        String uri = collection.equals(CATALOG_IMAGES) ? "/v1/images/" : "/v1/tenants/" + tenant + "/" + collection + "/";
        return ids.computeIfAbsent(collection, c -> admin().get(uri + fixture(c)).then().statusCode(200).extract().path("id"));
    }

    /** The collection a create's answer is the spare of: the last segment of its path, the catalog's apart. */
    static String collection(String createPath) {
        return createPath.equals("/v1/images") ? CATALOG_IMAGES : createPath.substring(createPath.lastIndexOf('/') + 1);
    }

    private String fixture(String collection) {
        return switch (collection) {
            case "instances" -> INSTANCE;
            case "networks" -> NETWORK;
            case "volumes" -> VOLUME;
            case "snapshots" -> SNAPSHOT;
            case "tokens" -> TOKEN;
            case "environments" -> ENVIRONMENT;
            case "ssh-keys" -> SSH_KEY;
            case "instance-types" -> INSTANCE_TYPE;
            case "public-ips" -> PUBLIC_IP;
            case "images" -> IMAGE;
            case CATALOG_IMAGES -> catalogImage;
            default -> collection;
        };
    }

    private static String segmentBefore(String path, String param) {
        String[] parts = path.split("/");
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].equals(param)) {
                return parts[i - 1];
            }
        }
        return "";
    }
}
