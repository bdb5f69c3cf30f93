package io.nuage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A tenant with 100,000 ledger rows exports whole from a Nuage whose heap is 256 MiB: the export streams, a batch at a
 * time, and holds no section in memory. The rows are written with SQL in the shape the ledger writes them: 100
 * instances of 1,000 transitions each, six hours apart.
 */
class ExportHeapIT {

    private static final int RESOURCES = 100;
    private static final int TRANSITIONS_EACH = 1_000;

    @TempDir
    Path workDir;

    @Test
    void aHundredThousandLedgerRowsExportWithin256MiBOfHeap() throws Exception {
        try (NuageProcess nuage = NuageProcess.start(workDir, List.of("-Xmx256m"))) {
            HttpClient http = HttpClient.newHttpClient();
            String admin = nuage.adminToken();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + nuage.port + "/v1/tenants"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"big\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            UUID tenantId = UUID.fromString(new ObjectMapper().readTree(created.body()).get("id").asText());
            try (Connection c = nuage.postgres()) {
                try (PreparedStatement heads = c.prepareStatement("""
                        INSERT INTO ledger_resources (resource_id, tenant_id, kind, name, region, category, since, vcpus, memory_mib, storage_gib)
                        SELECT gen_random_uuid(), ?, 'instance', 'vm-' || g, 'fr-par', 'up', timestamptz '2025-01-01', 1, 512, 0
                        FROM generate_series(1, ?) g""")) {
                    heads.setObject(1, tenantId);
                    heads.setInt(2, RESOURCES);
                    heads.executeUpdate();
                }
                try (PreparedStatement rows = c.prepareStatement("""
                        INSERT INTO ledger_transitions (resource_id, at, category, reason, vcpus, memory_mib, storage_gib)
                        SELECT r.resource_id, timestamptz '2025-01-01' + g * interval '6 hours',
                               CASE WHEN g % 2 = 0 THEN 'up' ELSE 'down' END, NULL, 1, 512, 0
                        FROM ledger_resources r CROSS JOIN generate_series(1, ?) g WHERE r.tenant_id = ?""")) {
                    rows.setInt(1, TRANSITIONS_EACH);
                    rows.setObject(2, tenantId);
                    assertEquals(RESOURCES * TRANSITIONS_EACH, rows.executeUpdate());
                }
            }
            HttpResponse<InputStream> export = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + nuage.port + "/v1/tenants/big/export")).header("Authorization", "Bearer " + admin)
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, export.statusCode());
            assertEquals(RESOURCES * TRANSITIONS_EACH, count(export.body(), "ledger_transitions"), "every ledger row exported");
        }
    }

    /** The rows of the top-level array {@code section}, read as a stream: the document is parsed to its end. */
    private static long count(InputStream body, String section) throws Exception {
        long n = 0;
        try (JsonParser p = new ObjectMapper().getFactory().createParser(body)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean counted = p.currentName().equals(section);
                p.nextToken();
                if (!counted) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    p.skipChildren();
                    n++;
                }
            }
            assertEquals(null, p.nextToken(), "the document ends after its object");
        }
        return n;
    }
}
