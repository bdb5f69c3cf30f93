package io.nuage.api;

import java.util.Arrays;
import java.util.List;

import io.nuage.errors.FieldError;
import io.nuage.errors.NuageError;
import java.net.URI;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nuage.storage.VolumePhase;
import io.nuage.storage.Volume;
import io.nuage.storage.VolumeSpec;
import io.nuage.storage.VolumeStore;
import io.smallrye.mutiny.Uni;

/**
 * Volumes: persistent disks reconciled onto CDI DataVolumes. The status follows CDI: pending,
 * importing (with progress), ready, failed.
 */
@DryRunnable
@Path("/v1/tenants/{tenant}/volumes")
@Tag(name = "Volumes")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
public class VolumeResource {

    private static final List<String> PHASES = Arrays.stream(VolumePhase.values()).map(VolumePhase::key).toList();

    private final VolumeStore volumes;
    private final VolumeSpecs specs;
    private final WaitingReads reads;
    private final TenantScoped scoped;

    VolumeResource(VolumeStore volumes, VolumeSpecs specs, TenantScoped scoped, WaitingReads reads) {
        this.reads = reads;
        this.volumes = volumes;
        this.specs = specs;
        this.scoped = scoped;
    }

    @POST
    @Operation(operationId = "createVolume", summary = "Create a volume", description = "Answers 201 with status pending; 422 quota_exceeded when over the storage"
            + " or volumes quota; 422 source_not_allowed when an image_url or registry host is not public.")
    @APIResponse(responseCode = "201", description = "Created, status pending", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Volume.class)))
    @APIResponse(responseCode = "409", description = "already_exists: the name is taken; snapshot_not_ready; volume_deleting; volume_failed")
    @APIResponse(responseCode = "422", description = "quota_exceeded; source_not_allowed: an import from a host that is not public; snapshot_not_found; snapshot_volume_required; snapshot_volume_not_found; volume_not_found")
    public Uni<Response> create(@PathParam("tenant") String tenant, VolumeCreate body) {
        return created(tenant, body).map(v -> Response.created(URI.create("/v1/tenants/" + tenant + "/volumes/" + v.name())).entity(v).build());
    }

    /** The create itself, also an environment's for its volumes. */
    Uni<Volume> created(String tenant, VolumeCreate body) {
        return scoped.write(tenant).chain(t -> {
            check(body);
            return specs.of(t, body).chain(spec -> volumes.create(t, spec, scoped.now()));
        });
    }

    /** The body's field rules, checked before anything is read. */
    static void check(VolumeCreate body) {
        Requests.requireBody(body);
        Checks checks = new Checks().name(body.name(), "name", VolumeRules.NAME_MAX)
                .required(body.sizeGib(), "size_gib").labels(body.labels(), "labels");
        VolumeRules.checkSize(checks, body.sizeGib());
        VolumeRules.checkStorageClass(checks, body.storageClass());
        VolumeRules.checkSource(checks, body.source());
        checks.throwIfInvalid();
    }

    @GET
    @Operation(operationId = "listVolumes", summary = "List volumes", description = "Ordered by name, a page at a time (limit, page_token).")
    public Uni<Page<Volume>> list(@PathParam("tenant") String tenant, @BeanParam PageQuery page,
            @BeanParam FilterQuery filter) {
        return scoped.page(tenant, page, filter, PHASES, volumes::list, Volume::name);
    }

    @GET
    @Path("/{name}")
    @Operation(operationId = "getVolume", summary = "Get a volume", description = "With its import progress and attachment.")
    public Uni<Volume> get(@PathParam("tenant") String tenant, @PathParam("name") String name, @BeanParam WaitQuery wait) {
        return reads.get(tenant, name, wait, new WaitingReads.Kind<>("volume", "volumes", PHASES, volumes::find, volumes::findById,
                Volume::id, v -> v.status().phase().key()));
    }

    @GET
    @Path("/by-id/{id}")
    @Operation(operationId = "getVolumeById", summary = "Get a volume by id", description = "The volume of that id, or 404 once it is"
            + " deleted, even when another of the same name was created since.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Volume.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<Volume> byId(@PathParam("tenant") String tenant,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id) {
        return scoped.byId(tenant, "volume", id, volumes::findById);
    }

    @PATCH
    @Path("/{name}")
    @Operation(operationId = "updateVolume", summary = "Grow or relabel a volume", description = "size_gib may only grow (422 volume_shrink otherwise); growth counts against the storage quota.")
    @APIResponse(responseCode = "409", description = "volume_deleting")
    @APIResponse(responseCode = "422", description = "volume_shrink: size_gib may only grow; quota_exceeded")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Volume.class)))
    public Uni<Volume> patch(@PathParam("tenant") String tenant, @PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            VolumePatch body) {
        return scoped.write(tenant).chain(t -> {
            VolumeRules.checkSize(Checks.patch(body, name), body.sizeGib()).throwIfInvalid();
            return volumes.update(t, name, scoped.now(), scoped.ifMatch(ifMatch, "volume", name), c -> {
                if (body.region() != null && !body.region().equals(c.region())) {
                    throw NuageError.immutable("A volume stays in its region", List.of(new FieldError("region",
                            "cannot be changed: a volume's data stays on its region's storage")));
                }
                return new VolumeSpec(c.name(), body.sizeGib() != null ? body.sizeGib() : c.sizeGib(), c.storageClass(), c.source(),
                        body.labels() != null ? body.labels() : c.labels(), c.region());
            });
        });
    }

    @DELETE
    @Path("/{name}")
    @Operation(operationId = "deleteVolume", summary = "Delete a volume", description = "Answers 202 with phase deleting; 409 volume_attached while an instance uses it.")
    @APIResponse(responseCode = "202", description = "Accepted, phase deleting", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Volume.class)))
    @APIResponse(responseCode = "409", description = "volume_attached: an instance uses it; volume_deleting")
    public Uni<Response> delete(@PathParam("tenant") String tenant, @PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return scoped.accepted(tenant, t -> volumes.requestDelete(t, name, scoped.now(), scoped.ifMatch(ifMatch, "volume", name)));
    }
}
