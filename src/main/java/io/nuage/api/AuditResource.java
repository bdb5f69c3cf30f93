package io.nuage.api;

import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nuage.audit.AuditChains;
import io.nuage.audit.AuditEntry;
import io.nuage.audit.AuditLog;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * A tenant's audit log: who changed what, and every read of its data with the operator's token, newest first; and the
 * check of its hash chain. Every token of the tenant reads it (the operator's too, which is then recorded in it).
 */
@Path("/v1/tenants/{tenant}/audit")
@Tag(name = "Audit")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditLog log;
    private final AuditChains chains;
    private final TenantScoped scoped;

    AuditResource(AuditLog log, AuditChains chains, TenantScoped scoped) {
        this.log = log;
        this.chains = chains;
        this.scoped = scoped;
    }

    @GET
    @Operation(operationId = "listAudit", summary = "A tenant's audit log", description = "Newest first, a page at a time (limit,"
            + " page_token); from/to (RFC 3339), action (an operationId such as createInstance), token_id and kind filter it.")
    public Uni<Page<AuditEntry>> list(@PathParam("tenant") String tenant, @QueryParam("limit") String limitParam,
            @Parameter(description = "The next_page_token of the page before", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("page_token") String pageToken,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to,
            @QueryParam("action") String action,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("token_id") String tokenId,
            @QueryParam("kind") String kind) {
        Checks checks = new Checks();
        int limit = QueryParams.integer(checks, "limit", limitParam, Page.MIN_LIMIT, Page.MAX_LIMIT, Page.DEFAULT_LIMIT);
        long before = pageToken == null ? Long.MAX_VALUE : QueryParams.position(checks, "page_token", pageToken);
        Instant after = QueryParams.time(checks, "from", from);
        Instant until = QueryParams.time(checks, "to", to);
        checks.throwIfInvalid();
        AuditLog.Filter filter = new AuditLog.Filter(after, until, action, tokenId == null ? null : TenantScoped.uuid(tokenId, "token_id"), kind);
        return scoped.read(tenant).chain(t -> log.page(t.id(), before, limit + 1, filter))
                .map(rows -> Page.of(rows, limit, e -> Long.toString(e.seq())));
    }

    @GET
    @Path("/verify")
    @Operation(operationId = "verifyAudit", summary = "Check a tenant's audit chain", description = "Recomputes every entry's hash"
            + " from its content and the previous hash, from the last signed checkpoint of pruned entries to the chain's head;"
            + " names the first entry that does not match.")
    public Uni<AuditChains.Verification> verify(@PathParam("tenant") String tenant) {
        return scoped.read(tenant).emitOn(Infrastructure.getDefaultWorkerPool()).map(t -> chains.verify(t.id()));
    }
}
