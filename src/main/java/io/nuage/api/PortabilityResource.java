package io.nuage.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.nuage.db.Sql;
import io.nuage.errors.NuageError;
import io.nuage.portability.ImportDocument;
import io.nuage.portability.ImportedHistory;
import io.nuage.portability.TenantExport;
import io.nuage.tenancy.Role;
import io.nuage.tenancy.Tenant;
import io.nuage.tenancy.TenantAccess;
import io.quarkus.vertx.http.Compressed;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * Taking a tenant's data elsewhere: its export, streamed as it is read, and the import of such a document into an empty
 * tenant. Both are blocking methods (worker threads): the export writes as it reads from the database, the import spools
 * the body to a file and reads it back a row at a time. Neither holds a whole document or table in memory.
 */
@Path("/v1/tenants/{tenant}")
@Tag(name = "Portability")
@SecurityRequirement(name = "bearer")
public class PortabilityResource {

    /** The largest document an import takes (BodyLimit's 1 MiB applies to every other body). */
    static final long IMPORT_MAX_BYTES = 4L * 1024 * 1024 * 1024;

    /** The smallest document: a tenant that held nothing. */
    private static final String EXAMPLE = "{\"format\":\"nuage.io/tenant-export\",\"version\":1,\"exported_at\":\"2026-11-30T12:00:00Z\","
            + "\"tenant\":{\"id\":\"3f0c2a4e-8b1d-4c55-9a7e-2d6f1b0e9c31\",\"name\":\"acme\"},\"networks\":[],\"instances\":[]}";

    private final TenantAccess access;
    private final TenantExport export;
    private final TenantImport imports;
    private final ImportedHistory history;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final Clock clock;

    PortabilityResource(TenantAccess access, TenantExport export, TenantImport imports, ImportedHistory history, ObjectMapper json,
            Vertx vertx, Clock clock) {
        this.access = access;
        this.export = export;
        this.imports = imports;
        this.history = history;
        this.json = json;
        this.vertx = vertx;
        this.clock = clock;
    }

    @GET
    @Path("/export")
    @Compressed
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "exportTenant", summary = "Export a tenant", description = "Everything Nuage holds for the tenant in one"
            + " versioned JSON document (format nuage.io/tenant-export, version 1; README \"Taking your data with you\"), streamed as it"
            + " is read; gzip with Accept-Encoding: gzip. For the operator and the tenant's member tokens (403 to a viewer).")
    @APIResponse(responseCode = "200", description = "The document", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, description = "format, version, exported_at, tenant, then one array per section")))
    @APIResponse(responseCode = "403", description = "forbidden: a viewer token")
    public Response export(@PathParam("tenant") String tenant) {
        Tenant t = access.read(tenant).await().atMost(Sql.AWAIT);
        requireMember();
        StreamingOutput body = out -> export.write(t, out);
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("/import")
    @Operation(operationId = "importTenant", summary = "Import a tenant export", description = "Recreates the document's resources in"
            + " this empty tenant through their own creates (same names, specs, labels, network addresses; public addresses where"
            + " the pool has them free), and keeps its ledger, usage and audit log as history. Bodies up to 4 GiB. No dry run.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, example = EXAMPLE,
            schema = @Schema(type = SchemaType.OBJECT, description = "A document GET .../export wrote", requiredProperties = { "format", "version" })))
    @APIResponse(responseCode = "202", description = "Created what it could; the resources converge as new ones do", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportReport.class)))
    @APIResponse(responseCode = "403", description = "forbidden: a viewer token")
    @APIResponse(responseCode = "409", description = "tenant_not_empty: the tenant already holds resources (holds names them)")
    @APIResponse(responseCode = "413", description = "payload_too_large: over 4 GiB")
    @APIResponse(responseCode = "422", description = "unsupported_export: another format or version; malformed_export: not such a"
            + " document (errors[] names the field)")
    public Response importTenant(@PathParam("tenant") String tenant, @Context HttpServerRequest request) {
        Tenant t = access.write(tenant).await().atMost(Sql.AWAIT); // refuses a viewer as every write does
        history.requireEmpty(t.id(), tenant);
        java.nio.file.Path file = spool(request);
        try {
            ImportDocument document = ImportDocument.check(file, json);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            return Response.accepted(imports.run(tenant, t.id(), document, now)).type(MediaType.APPLICATION_JSON).build();
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file left behind is removed with the others
            }
        }
    }

    /** The export (a read) holds the audit log and the tokens' list: the operator's and the tenant's members', not a viewer's. */
    private void requireMember() {
        if (access.caller().role() == Role.VIEWER) {
            throw NuageError.forbidden("A viewer token cannot export or import a tenant: use a member token or the operator's");
        }
    }

    /** The request body, written to a temporary file as it arrives. */
    private java.nio.file.Path spool(HttpServerRequest request) {
        java.nio.file.Path file;
        try {
            file = Files.createTempFile("nuage-import-", ".json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            AsyncFile out = vertx.fileSystem().openBlocking(file.toString(), new OpenOptions().setWrite(true).setTruncateExisting(true));
            request.pipeTo(out).toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
            return file;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The import's body could not be read", e);
        }
    }
}
