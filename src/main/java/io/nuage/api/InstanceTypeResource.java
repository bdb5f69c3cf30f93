package io.nuage.api;

import java.net.URI;
import java.util.List;
import java.util.Map;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nuage.compute.InstanceType;
import io.nuage.compute.InstanceTypeStore;
import io.nuage.errors.NuageError;
import io.nuage.tenancy.TenantAccess;
import io.smallrye.mutiny.Uni;

/**
 * The operator's catalog of instance types: every token reads it, only the operator writes it. Each type is a KubeVirt
 * VirtualMachineClusterInstancetype; an instance of a type takes its vCPUs and memory from it.
 */
@DryRunnable
@Path("/v1/instance-types")
@Tag(name = "Instance types")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
public class InstanceTypeResource {

    static final int NAME_MAX = 40;
    private static final List<String> PHASES = List.of("pending", "ready", "deleting");

    private final InstanceTypeStore types;
    private final TenantAccess access;
    private final TenantScoped scoped;

    InstanceTypeResource(InstanceTypeStore types, TenantAccess access, TenantScoped scoped) {
        this.types = types;
        this.access = access;
        this.scoped = scoped;
    }

    @POST
    @Operation(operationId = "createInstanceType", summary = "Add an instance type (admin)", description = "Answers 201 with phase pending;"
            + " ready once its VirtualMachineClusterInstancetype exists. 409 already_exists.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InstanceType.class)))
    @APIResponse(responseCode = "409", description = "already_exists: the name is taken")
    public Uni<Response> create(InstanceTypeCreate body) {
        access.requireOperator("the instance types");
        Requests.requireBody(body);
        Checks checks = new Checks().name(body.name(), "name", NAME_MAX).required(body.vcpus(), "vcpus")
                .required(body.memoryMib(), "memory_mib").labels(body.labels(), "labels");
        InstanceRules.check(checks, body.vcpus(), body.memoryMib(), null, null, null);
        checks.throwIfInvalid();
        return types.create(body.name(), body.vcpus(), body.memoryMib(), Boolean.TRUE.equals(body.dedicatedCpus()),
                body.labels() == null ? Map.of() : body.labels(), scoped.now())
                .map(t -> Response.created(URI.create("/v1/instance-types/" + t.name())).entity(t).build());
    }

    @GET
    @Operation(operationId = "listInstanceTypes", summary = "List instance types", description = "Ordered by name, a page at a time;"
            + " label_selector, phase and the creation times filter it.")
    public Uni<Page<InstanceType>> list(@BeanParam PageQuery page, @BeanParam FilterQuery filter) {
        int n = page.size();
        return types.list(page.pageToken(), n + 1, filter.filter(PHASES)).map(rows -> Page.of(rows, n, InstanceType::name));
    }

    @GET
    @Path("/{name}")
    @Operation(operationId = "getInstanceType", summary = "Get an instance type", description = "Its size and whether its"
            + " VirtualMachineClusterInstancetype exists (status.phase ready).")
    public Uni<InstanceType> get(@PathParam("name") String name) {
        return types.find(name).onItem().ifNull().failWith(() -> NuageError.notFound("instance type", name));
    }

    @GET
    @Path("/by-id/{id}")
    @Operation(operationId = "getInstanceTypeById", summary = "Get an instance type by id", description = "The type of that id, or"
            + " 404 once it is deleted.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InstanceType.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<InstanceType> byId(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id) {
        return types.findById(TenantScoped.uuid(id)).onItem().ifNull().failWith(() -> NuageError.notFound("instance type", id));
    }

    @PATCH
    @Path("/{name}")
    @Operation(operationId = "updateInstanceType", summary = "Relabel an instance type (admin)", description = "Its size is fixed:"
            + " KubeVirt keeps the copy each VirtualMachine started with, so a new size is a new type.")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InstanceType.class)))
    public Uni<InstanceType> patch(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, InstanceTypePatch body) {
        access.requireOperator("the instance types");
        Checks.patch(body, name).throwIfInvalid();
        return types.find(name).onItem().ifNull().failWith(() -> NuageError.notFound("instance type", name))
                .chain(current -> types.relabel(name, body.labels() == null ? current.labels() : body.labels(), scoped.now(),
                        scoped.ifMatch(ifMatch, "instance type", name)));
    }

    @DELETE
    @Path("/{name}")
    @Operation(operationId = "deleteInstanceType", summary = "Delete an instance type (admin)", description = "Answers 202 with phase deleting;"
            + " 409 instance_type_in_use while an instance is of the type.")
    @APIResponse(responseCode = "202", description = "Accepted, phase deleting", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InstanceType.class)))
    @APIResponse(responseCode = "409", description = "instance_type_in_use: instances are of the type (some listed in instances); instance_type_deleting")
    public Uni<Response> delete(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        access.requireOperator("the instance types");
        return types.requestDelete(name, scoped.now(), scoped.ifMatch(ifMatch, "instance type", name))
                .map(t -> Response.accepted(t).build());
    }
}
