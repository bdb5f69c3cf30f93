package io.nuage.api;

import java.net.URI;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nuage.errors.NuageError;
import io.nuage.image.Image;
import io.nuage.image.ImageStore;
import io.nuage.tenancy.TenantAccess;
import io.smallrye.mutiny.Uni;

/**
 * The operator's image catalog: the admin token writes it, every valid token reads it. Its images live in one namespace
 * of their own (nuage.images.namespace) and count in no tenant's quota.
 */
@DryRunnable
@Path("/v1/images")
@Tag(name = "Images")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CatalogImageResource {

    private final ImageStore images;
    private final ImageSpecs specs;
    private final TenantAccess access;
    private final TenantScoped scoped;
    private final WaitingReads reads;

    CatalogImageResource(ImageStore images, ImageSpecs specs, TenantAccess access, TenantScoped scoped, WaitingReads reads) {
        this.images = images;
        this.specs = specs;
        this.access = access;
        this.scoped = scoped;
        this.reads = reads;
    }

    @POST
    @Operation(operationId = "createCatalogImage", summary = "Add an image to the catalog (admin)", description = "Answers 201 with"
            + " status pending; 403 to a tenant token; 422 source_not_allowed when the image_url or registry host is not public.")
    @APIResponse(responseCode = "201", description = "Created, status pending", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Image.class)))
    @APIResponse(responseCode = "409", description = "already_exists: the name is taken")
    @APIResponse(responseCode = "422", description = "source_not_allowed: an import from a host that is not public")
    public Uni<Response> create(ImageCreate body) {
        access.requireOperator("the image catalog");
        ImageRules.check(body, true);
        return specs.of(null, body).chain(spec -> images.create(null, spec, scoped.now()))
                .map(i -> Response.created(URI.create("/v1/images/" + i.name())).entity(i).build());
    }

    @GET
    @Operation(operationId = "listCatalogImages", summary = "List the catalog's images", description = "Ordered by name, a page at a"
            + " time (limit, page_token); every token reads the catalog.")
    public Uni<Page<Image>> list(@BeanParam PageQuery page, @BeanParam FilterQuery filter) {
        int n = page.size();
        return images.list(ImageStore.CATALOG, page.pageToken(), n + 1, filter.filter(ImageResource.PHASES))
                .map(found -> Page.of(found, n, Image::name));
    }

    @GET
    @Path("/{name}")
    @Operation(operationId = "getCatalogImage", summary = "Get an image of the catalog", description = "With its import progress.")
    public Uni<Image> get(@PathParam("name") String name, @BeanParam WaitQuery wait) {
        return reads.get(() -> Uni.createFrom().item(ImageStore.CATALOG), name, wait, ImageResource.kind(images));
    }

    @GET
    @Path("/by-id/{id}")
    @Operation(operationId = "getCatalogImageById", summary = "Get an image of the catalog by id", description = "The image of that"
            + " id, or 404 once it is deleted, even when another of the same name was created since.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Image.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<Image> byId(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id) {
        UUID uuid = TenantScoped.uuid(id);
        return images.findById(ImageStore.CATALOG, uuid).onItem().ifNull().failWith(() -> NuageError.notFound("image", id));
    }

    @DELETE
    @Path("/{name}")
    @Operation(operationId = "deleteCatalogImage", summary = "Delete an image of the catalog (admin)", description = "Answers 202"
            + " with phase deleting; its DataSource, DataVolume and PVC are removed. Boot disks cloned from it keep their data.")
    @APIResponse(responseCode = "202", description = "Accepted, phase deleting", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Image.class)))
    @APIResponse(responseCode = "409", description = "image_deleting")
    public Uni<Response> delete(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        access.requireOperator("the image catalog");
        return images.requestDelete(ImageStore.CATALOG, name, scoped.now(), scoped.ifMatch(ifMatch, "image", name))
                .map(i -> Response.accepted(i).build());
    }
}
