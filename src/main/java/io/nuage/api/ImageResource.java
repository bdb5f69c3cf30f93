package io.nuage.api;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nuage.image.Image;
import io.nuage.image.ImagePhase;
import io.nuage.image.ImageStore;
import io.smallrye.mutiny.Uni;

/**
 * A tenant's own images: imported once (from a URL, a registry, or one volume of a snapshot) into a PVC published as a
 * CDI DataSource, for boot disks to clone. They count in the tenant's storage quota.
 */
@DryRunnable
@Path("/v1/tenants/{tenant}/images")
@Tag(name = "Images")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ImageResource {

    static final List<String> PHASES = Arrays.stream(ImagePhase.values()).filter(p -> p != ImagePhase.DELETED)
            .map(ImagePhase::key).toList();

    private final ImageStore images;
    private final ImageSpecs specs;
    private final TenantScoped scoped;
    private final WaitingReads reads;

    ImageResource(ImageStore images, ImageSpecs specs, TenantScoped scoped, WaitingReads reads) {
        this.images = images;
        this.specs = specs;
        this.scoped = scoped;
        this.reads = reads;
    }

    @POST
    @Operation(operationId = "createImage", summary = "Create an image of the tenant", description = "Answers 201 with status pending;"
            + " 422 quota_exceeded when its size would exceed the storage quota; 422 source_not_allowed when an image_url or"
            + " registry host is not public.")
    @APIResponse(responseCode = "201", description = "Created, status pending", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Image.class)))
    @APIResponse(responseCode = "409", description = "already_exists: the name is taken; snapshot_not_ready")
    @APIResponse(responseCode = "422", description = "quota_exceeded; source_not_allowed: an import from a host that is not public; snapshot_not_found; snapshot_volume_required; snapshot_volume_not_found")
    public Uni<Response> create(@PathParam("tenant") String tenant, ImageCreate body) {
        return scoped.write(tenant).chain(t -> {
            ImageRules.check(body, false);
            return specs.of(t, body).chain(spec -> images.create(t, spec, scoped.now()));
        }).map(i -> Response.created(URI.create("/v1/tenants/" + tenant + "/images/" + i.name())).entity(i).build());
    }

    @GET
    @Operation(operationId = "listImages", summary = "List the tenant's images", description = "Ordered by name, a page at a time"
            + " (limit, page_token). The operator's catalog is GET /v1/images.")
    public Uni<Page<Image>> list(@PathParam("tenant") String tenant, @BeanParam PageQuery page, @BeanParam FilterQuery filter) {
        return scoped.page(tenant, page, filter, PHASES, images::list, Image::name);
    }

    @GET
    @Path("/{name}")
    @Operation(operationId = "getImage", summary = "Get an image of the tenant", description = "With its import progress.")
    public Uni<Image> get(@PathParam("tenant") String tenant, @PathParam("name") String name, @BeanParam WaitQuery wait) {
        return reads.get(tenant, name, wait, kind(images));
    }

    @GET
    @Path("/by-id/{id}")
    @Operation(operationId = "getImageById", summary = "Get an image of the tenant by id", description = "The image of that id, or"
            + " 404 once it is deleted, even when another of the same name was created since.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Image.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<Image> byId(@PathParam("tenant") String tenant,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id) {
        return scoped.byId(tenant, "image", id, images::findById);
    }

    @DELETE
    @Path("/{name}")
    @Operation(operationId = "deleteImage", summary = "Delete an image of the tenant", description = "Answers 202 with phase"
            + " deleting; its DataSource, DataVolume and PVC are removed, then its storage is given back. Boot disks cloned"
            + " from it keep their data.")
    @APIResponse(responseCode = "202", description = "Accepted, phase deleting", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Image.class)))
    @APIResponse(responseCode = "409", description = "image_deleting")
    public Uni<Response> delete(@PathParam("tenant") String tenant, @PathParam("name") String name,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return scoped.accepted(tenant, t -> images.requestDelete(t.id(), name, scoped.now(), scoped.ifMatch(ifMatch, "image", name)));
    }

    /** How an image is read and waited on, in whichever catalog. */
    static WaitingReads.Kind<Image> kind(ImageStore images) {
        return new WaitingReads.Kind<>("image", "images", PHASES, images::find, images::findById, Image::id,
                i -> i.status().phase().key());
    }
}
