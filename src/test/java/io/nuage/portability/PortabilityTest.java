package io.nuage.portability;

import static io.nuage.api.TestApi.admin;
import static io.nuage.api.TestApi.as;
import static io.nuage.api.TestApi.createTenant;
import static io.nuage.api.TestApi.token;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.nuage.compute.Instances;
import io.nuage.storage.Volumes;
import io.nuage.support.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;

/** A tenant exported, imported into a new one, exported again: the same resources; and what export and import refuse. */
@QuarkusTest
class PortabilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What differs between a tenant and its import by design (README "Taking your data with you"). */
    private static final Set<String> DIFFERING = Set.of("id", "created_at", "updated_at", "generation", "status", "fingerprint_at",
            "user_data_sha256", "expires_at", "tenant");

    private static String base(String tenant) {
        return "/v1/tenants/" + tenant;
    }

    private static JsonNode export(String tenant) {
        try {
            return JSON.readTree(admin().get(base(tenant) + "/export").then().statusCode(200).extract().asByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aTenantExportedAndImportedHasTheSameResources() throws Exception {
        String source = createTenant();
        String b = base(source);
        admin().body(Map.of("name", "laptop", "public_key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl me@laptop",
                "labels", Map.of("team", "a"))).post(b + "/ssh-keys").then().statusCode(201);
        admin().body(Map.of("name", "net", "cidr", "10.20.0.0/24", "labels", Map.of("tier", "db"))).post(b + "/networks").then().statusCode(201);
        admin().body(Map.of("name", "data", "size_gib", 2, "labels", Map.of("k", "v"))).post(b + "/volumes").then().statusCode(201);
        Map<String, Object> vm = Instances.body("db-1", 1, 512);
        vm.put("networks", List.of(Map.of("network", "net", "ip", "10.20.0.42")));
        vm.put("volumes", List.of("data"));
        vm.put("ssh_key_names", List.of("laptop"));
        vm.put("labels", Map.of("app", "db"));
        admin().body(vm).post(b + "/instances").then().statusCode(201);
        Instances.awaitPhase(source, "db-1", "running");
        admin().body(Map.of("name", "snap", "instance", "db-1")).post(b + "/snapshots").then().statusCode(201);
        admin().body(Map.of("name", "web")).post(b + "/public-ips").then().statusCode(201);
        admin().body(Map.of("instance", "db-1", "ports", List.of(Map.of("port", 22, "protocol", "tcp"))))
                .post(b + "/public-ips/web/attach").then().statusCode(202);
        // The ledger records what the reconciler observed, written in batches: the export is taken once it has.
        Await.until(Duration.ofSeconds(30), "the source's ledger", () -> export(source).get("ledger_transitions").size() > 0);
        JsonNode first = export(source);
        assertEquals("nuage.io/tenant-export", first.get("format").asText());
        assertEquals(1, first.get("version").asInt());
        assertTrue(first.get("audit_entries").size() >= 7, "the audit log, with its hashes: " + first.get("audit_entries"));
        assertEquals(64, first.get("audit_entries").get(0).get("hash").asText().length());
        assertTrue(first.get("ledger_transitions").size() > 0, "the ledger");

        // The source's addresses are still held: the import keeps the network's, and says it could not keep the public one.
        String target = createTenant();
        Response imported = admin().body(JSON.writeValueAsString(first)).post(base(target) + "/import");
        imported.then().statusCode(202).body("source_tenant", equalTo(source))
                .body("skipped.kind", hasItem("tenant")).body("changed.field", hasItem("address"));
        assertEquals(List.of("ssh_key/laptop", "network/net", "volume/data", "instance/db-1", "snapshot/snap", "public_ip/web"),
                imported.jsonPath().getList("created", Map.class).stream().map(m -> m.get("kind") + "/" + m.get("name")).toList());
        Instances.awaitPhase(target, "db-1", "running");
        admin().get(base(target) + "/instances/db-1").then().body("networks[0].ip", equalTo("10.20.0.42"))
                .body("volumes", equalTo(List.of("data"))).body("public_ip", notNullValue());
        JsonNode second = export(target);
        for (String section : ExportFormat.RESOURCES) {
            assertEquals(comparable(first.get(section), section), comparable(second.get(section), section), section);
        }
        assertEquals(first.get("network_addresses"), second.get("network_addresses"));
        assertEquals(first.get("audit_entries").size() + first.get("ledger_transitions").size(),
                history(second, "audit_entries") + history(second, "ledger_transitions"), "the source's history, kept");

        // An import lands on an empty tenant only.
        admin().body(JSON.writeValueAsString(first)).post(base(target) + "/import").then().statusCode(409)
                .body("code", equalTo("tenant_not_empty"));
    }

    @Test
    void theDocumentListsEachVolumesDiskExportLinksButNeverItsToken() throws Exception {
        String t = createTenant();
        admin().body(Map.of("name", "os", "size_gib", 1)).post(base(t) + "/volumes").then().statusCode(201);
        Volumes.awaitPhase(t, "os", "ready");
        Response created = admin().body(Map.of("ttl_seconds", 600)).post(base(t) + "/volumes/os/export");
        created.then().statusCode(202);
        String id = created.jsonPath().getString("id");
        String token = created.jsonPath().getString("token");
        admin().queryParam("wait_for", "ready").get(base(t) + "/volumes/os/exports/" + id).then().statusCode(200)
                .body("phase", equalTo("ready"));

        JsonNode exports = export(t).get("volume_exports");
        assertEquals(1, exports.size(), exports.toString());
        JsonNode e = exports.get(0);
        assertEquals(id, e.get("id").asText());
        assertEquals("os", e.get("volume").asText());
        assertEquals("ready", e.get("phase").asText());
        assertEquals(List.of("raw", "gzip"), List.of(e.get("links").get(0).get("format").asText(), e.get("links").get(1).get("format").asText()));
        assertTrue(e.get("links").get(0).get("url").asText().endsWith("/volumes/os/disk.img"), e.toString());
        assertFalse(export(t).toString().contains(token), "the token is in no part of the document");
    }

    @Test
    void gzipIsAnsweredWhenAsked() throws Exception {
        String tenant = createTenant();
        admin().body(Map.of("name", "net", "cidr", "10.30.0.0/24")).post(base(tenant) + "/networks").then().statusCode(201);
        byte[] raw = admin().config(RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .header("Accept-Encoding", "gzip").get(base(tenant) + "/export").then().statusCode(200)
                .header("Content-Encoding", "gzip").extract().asByteArray();
        JsonNode doc = JSON.readTree(new GZIPInputStream(new ByteArrayInputStream(raw)).readAllBytes());
        assertEquals("net", doc.get("networks").get(0).get("name").asText());
    }

    @Test
    void whoMayAndWhatIsRefused() throws Exception {
        String tenant = createTenant();
        as(token(tenant, "viewer")).get(base(tenant) + "/export").then().statusCode(403);
        as(token(tenant, "viewer")).body("{}").post(base(tenant) + "/import").then().statusCode(403);
        as(token(tenant, "member")).get(base(tenant) + "/export").then().statusCode(200).body("tenant.name", equalTo(tenant));
        as(token(tenant, "member")).get(base(createTenant()) + "/export").then().statusCode(404);
        ObjectNode doc = (ObjectNode) export(tenant);
        doc.put("version", 2);
        admin().body(doc.toString()).post(base(createTenant()) + "/import").then().statusCode(422)
                .body("code", equalTo("unsupported_export")).body("errors[0].field", equalTo("version"));
        doc.put("version", 99_999_999_999L);
        admin().body(doc.toString()).post(base(createTenant()) + "/import").then().statusCode(422)
                .body("code", equalTo("unsupported_export")).body("errors[0].field", equalTo("version"));
        doc.put("version", 1);
        // A public address row that is not one (its address, its ports): the import goes on and says what it changed.
        doc.set("public_ips", JSON.createArrayNode().add(JSON.createObjectNode().put("name", "odd").put("address", "not-an-ip")
                .put("instance", "nowhere").put("ports", "all")));
        admin().body(doc.toString()).post(base(createTenant()) + "/import").then().statusCode(202)
                .body("created.name", hasItem("odd")).body("changed.field", hasItem("address"))
                .body("skipped.kind", hasItem("public_ip_attachment"));
        doc.remove("public_ips");
        doc.put("colour", "blue");
        admin().body(doc.toString()).post(base(createTenant()) + "/import").then().statusCode(400)
                .body("code", equalTo("unknown_field")).body("errors[0].field", equalTo("colour"));
        doc.remove("colour");
        // PostgreSQL's text holds no NUL character: the import answered 500 when its history held one.
        doc.set("audit_entries", JSON.createArrayNode().add(JSON.createObjectNode().put("seq", 1).put("action", "a\u0000b")));
        admin().body(doc.toString()).post(base(createTenant()) + "/import").then().statusCode(422)
                .body("code", equalTo("malformed_export")).body("errors[0].field", equalTo("audit_entries[0].action"));
        doc.remove("audit_entries");
        doc.set("networks", JSON.createArrayNode().add(3));
        admin().body(doc.toString()).post(base(createTenant()) + "/import").then().statusCode(422)
                .body("errors[0].field", equalTo("networks[0]"));
        admin().body("{\"format\":").post(base(createTenant()) + "/import").then().statusCode(422).body("code", equalTo("malformed_export"));
    }

    @Test
    void anImportOverTheOneMebibyteOfOtherBodiesIsTakenAndItsHistoryKept() throws Exception {
        ObjectNode doc = (ObjectNode) export(createTenant());
        ArrayNode entries = doc.putArray("audit_entries");
        for (int i = 1; i <= 20_000; i++) {
            entries.addObject().put("seq", i).put("action", "createInstance").put("request_id", "r-" + "x".repeat(80) + i);
        }
        byte[] body = JSON.writeValueAsBytes(doc);
        assertTrue(body.length > 2 * 1024 * 1024, "over BodyLimit's 1 MiB: " + body.length);
        String target = createTenant();
        admin().body(body).post(base(target) + "/import").then().statusCode(202).body("history.audit_entries", equalTo(20_000));
        assertEquals(20_000, history(export(target), "audit_entries"));
    }

    private static long history(JsonNode doc, String section) {
        long n = 0;
        for (JsonNode h : doc.get("history")) {
            n += h.get("section").asText().equals(section) ? 1 : 0;
        }
        return n;
    }

    /** The section's rows without what differs by design. */
    private static JsonNode comparable(JsonNode rows, String section) {
        ArrayNode out = JSON.createArrayNode();
        rows.forEach(r -> {
            ObjectNode copy = r.deepCopy();
            copy.remove(DIFFERING);
            // The source still holds its public address: the import gets another (the answer says so).
            copy.remove(List.of("address", "public_ip"));
            out.add(copy);
        });
        return out;
    }
}
