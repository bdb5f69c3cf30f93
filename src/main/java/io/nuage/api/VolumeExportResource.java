package io.nuage.api;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nuage.storage.ExportPhase;
import io.nuage.storage.VolumeExport;
import io.nuage.storage.VolumeExportStore;
import io.smallrye.mutiny.Uni;

/**
 * Disk exports: a volume served for download for a while, through a KubeVirt VirtualMachineExport of its PVC, to
 * whoever has the export's token. Addressed by id under their volume.
 */
@DryRunnable
@Path("/v1/tenants/{tenant}/volumes/{name}")
@Tag(name = "Volumes")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VolumeExportResource {

    static final int TTL_MIN = 60;
    static final int TTL_MAX = 7 * 24 * 3600;
    static final int TTL_DEFAULT = 3600;
    private static final List<String> PHASES = Arrays.stream(ExportPhase.values()).filter(p -> p != ExportPhase.DELETED)
            .map(ExportPhase::key).toList();

    private final VolumeExportStore exports;
    private final WaitingReads reads;
    private final TenantScoped scoped;

    VolumeExportResource(VolumeExportStore exports, WaitingReads reads, TenantScoped scoped) {
        this.exports = exports;
        this.reads = reads;
        this.scoped = scoped;
    }

    @POST
    @Path("/export")
    @Operation(operationId = "exportVolume", summary = "Export a volume for download", description = "Answers 202 with the export,"
            + " phase pending, and its token, shown in this answer only; the links follow once ready (wait_for=ready on the"
            + " export). While a running instance uses the volume the export stays pending, as KubeVirt's does. 409"
            + " volume_not_ready unless the volume is ready, volume_failed, volume_deleting.")
    @APIResponse(responseCode = "202", description = "Accepted, phase pending; the token is in this answer only",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VolumeExport.class)))
    @APIResponse(responseCode = "409", description = "volume_not_ready: the volume is pending or importing; volume_failed; volume_deleting")
    public Uni<Response> create(@PathParam("tenant") String tenant, @PathParam("name") String name,
            @RequestBody(required = false) VolumeExportCreate body) {
        return scoped.write(tenant).chain(t -> {
            Integer ttl = body == null ? null : body.ttlSeconds();
            new Checks().range(ttl, "ttl_seconds", TTL_MIN, TTL_MAX).throwIfInvalid();
            return exports.create(t, name, ttl == null ? TTL_DEFAULT : ttl, scoped.now());
        }).map(e -> Response.accepted(DryRun.requested() ? e.withoutToken() : e).build());
    }

    @GET
    @Path("/exports")
    @Operation(operationId = "listVolumeExports", summary = "List a volume's exports", description = "Its exports not deleted,"
            + " expired ones included, ordered by id, a page at a time (limit, page_token); phase, created_after and"
            + " created_before filter it (exports have no labels). Never a token.")
    public Uni<Page<VolumeExport>> list(@PathParam("tenant") String tenant, @PathParam("name") String name, @BeanParam PageQuery page,
            @BeanParam FilterQuery filter) {
        return scoped.page(tenant, page, filter.unlabelled(), PHASES,
                (tenantId, after, limit, f) -> exports.list(tenantId, name, after, limit, f), e -> e.id().toString());
    }

    @GET
    @Path("/exports/{id}")
    @Operation(operationId = "getVolumeExport", summary = "Get a volume's export", description = "Its phase and, once ready, its"
            + " download links; never its token. wait_for=ready answers once the links are there.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VolumeExport.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<VolumeExport> get(@PathParam("tenant") String tenant, @PathParam("name") String name,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id, @BeanParam WaitQuery wait) {
        UUID uuid = TenantScoped.uuid(id);
        return reads.get(tenant, uuid.toString(), wait, new WaitingReads.Kind<>("export", "volume_exports", PHASES,
                (tenantId, ignored) -> exports.find(tenantId, name, uuid), exports::findById, VolumeExport::id, e -> e.phase().key()));
    }

    @DELETE
    @Path("/exports/{id}")
    @Operation(operationId = "deleteVolumeExport", summary = "Delete a volume's export", description = "Answers 202 with phase"
            + " deleting: the links stop working and the token is forgotten; then the export is gone (404).")
    @APIResponse(responseCode = "202", description = "Accepted, phase deleting", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VolumeExport.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<Response> delete(@PathParam("tenant") String tenant, @PathParam("name") String name,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UUID uuid = TenantScoped.uuid(id);
        return scoped.accepted(tenant, t -> exports.requestDelete(t, name, uuid, scoped.now(), scoped.ifMatch(ifMatch, "export", id)));
    }
}
