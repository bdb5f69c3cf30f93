package io.nuage.api;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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

import io.nuage.platform.RegionDirectory;
import io.nuage.publicip.PublicIp;
import io.nuage.publicip.PublicIpAttachments;
import io.nuage.publicip.PublicIpPhase;
import io.nuage.publicip.PublicIpStore;
import io.nuage.tenancy.Regions;
import io.smallrye.mutiny.Uni;

/**
 * Public addresses: IPv4 addresses of a region's pool that a tenant holds, and attaches to one instance at a time
 * (floating: the address never changes), reconciled onto a LoadBalancer Service pinned to the address.
 */
@DryRunnable
@Path("/v1/tenants/{tenant}/public-ips")
@Tag(name = "Public addresses")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PublicIpResource {

    private static final List<String> PHASES = Arrays.stream(PublicIpPhase.values()).map(PublicIpPhase::key).toList();

    private final PublicIpStore publicIps;
    private final PublicIpAttachments attachments;
    private final RegionDirectory regions;
    private final WaitingReads reads;
    private final TenantScoped scoped;

    PublicIpResource(PublicIpStore publicIps, PublicIpAttachments attachments, RegionDirectory regions, WaitingReads reads,
            TenantScoped scoped) {
        this.publicIps = publicIps;
        this.attachments = attachments;
        this.regions = regions;
        this.reads = reads;
        this.scoped = scoped;
    }

    @POST
    @Operation(operationId = "createPublicIp", summary = "Allocate a public address", description = "The lowest free address of"
            + " the region's pool; answers 201 with status pending, then allocated. 409 public_ip_pool_exhausted when the pool"
            + " has none left; 422 quota_exceeded over the public_ips quota, public_ips_not_offered for a region without a pool.")
    @APIResponse(responseCode = "201", description = "Allocated, status pending", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PublicIp.class)))
    @APIResponse(responseCode = "409", description = "already_exists: the name is taken; public_ip_pool_exhausted: no address left in the region")
    @APIResponse(responseCode = "422", description = "quota_exceeded; region_not_allowed; public_ips_not_offered: the region has no pool")
    public Uni<Response> create(@PathParam("tenant") String tenant, PublicIpCreate body) {
        return created(tenant, body, null)
                .map(ip -> Response.created(URI.create("/v1/tenants/" + tenant + "/public-ips/" + ip.name())).entity(ip).build());
    }

    /** The create itself, also an import's, which asks for the address the tenant had ({@code wanted}, or null). */
    Uni<PublicIp> created(String tenant, PublicIpCreate body, String wanted) {
        return scoped.write(tenant).chain(t -> {
            Requests.requireBody(body);
            new Checks().name(body.name(), "name", PublicIpRules.NAME_MAX).labels(body.labels(), "labels").throwIfInvalid();
            String region = body.region() != null ? body.region() : t.regions().get(0);
            Regions.check(t, region, regions.names());
            return publicIps.allocate(t, body.name(), region, body.labels() == null ? Map.of() : body.labels(), scoped.now(), wanted);
        });
    }

    @GET
    @Operation(operationId = "listPublicIps", summary = "List public addresses", description = "Ordered by name, a page at a time (limit, page_token).")
    public Uni<Page<PublicIp>> list(@PathParam("tenant") String tenant, @BeanParam PageQuery page, @BeanParam FilterQuery filter) {
        return scoped.page(tenant, page, filter, PHASES, publicIps::list, PublicIp::name);
    }

    @GET
    @Path("/{name}")
    @Operation(operationId = "getPublicIp", summary = "Get a public address", description = "wait_for=attached answers once the load"
            + " balancer announces the address.")
    public Uni<PublicIp> get(@PathParam("tenant") String tenant, @PathParam("name") String name, @BeanParam WaitQuery wait) {
        return reads.get(tenant, name, wait, new WaitingReads.Kind<>("public address", "public_ips", PHASES, publicIps::find,
                publicIps::findById, PublicIp::id, ip -> ip.status().phase().key()));
    }

    @GET
    @Path("/by-id/{id}")
    @Operation(operationId = "getPublicIpById", summary = "Get a public address by id", description = "The public address of that id,"
            + " or 404 once it is released, even when another of the same name was allocated since.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PublicIp.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<PublicIp> byId(@PathParam("tenant") String tenant,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id) {
        return scoped.byId(tenant, "public address", id, publicIps::findById);
    }

    @POST
    @Path("/{name}/attach")
    @Operation(operationId = "attachPublicIp", summary = "Attach a public address to an instance", description = "Forwards the"
            + " ports to the instance (phase attaching, then attached once the load balancer announces the address). Attaching"
            + " again to the same instance changes the ports.")
    @APIResponse(responseCode = "202", description = "Accepted, phase attaching", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PublicIp.class)))
    @APIResponse(responseCode = "409", description = "public_ip_attached: attached to another instance; instance_has_public_ip:"
            + " the instance has another; public_ip_deleting; instance_deleting")
    @APIResponse(responseCode = "422", description = "instance_not_found; region_mismatch: the instance is in another region;"
            + " ports_required: no ports listed and the firewall rules cannot say which")
    public Uni<Response> attach(@PathParam("tenant") String tenant, @PathParam("name") String name,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, PublicIpAttach body) {
        return scoped.accepted(tenant, t -> {
            Requests.requireBody(body);
            Checks checks = new Checks().name(body.instance(), "instance", Checks.DNS_LABEL_MAX);
            PublicIpRules.ports(checks, body.ports());
            checks.throwIfInvalid();
            return attachments.attach(t, name, body.instance(), body.ports(), scoped.now(), scoped.ifMatch(ifMatch, "public address", name));
        });
    }

    @POST
    @Path("/{name}/detach")
    @Operation(operationId = "detachPublicIp", summary = "Detach a public address", description = "Its Service is deleted; the"
            + " address stays the tenant's. Detaching a detached address changes nothing.")
    @APIResponse(responseCode = "202", description = "Accepted, phase detaching", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PublicIp.class)))
    @APIResponse(responseCode = "409", description = "public_ip_deleting")
    public Uni<Response> detach(@PathParam("tenant") String tenant, @PathParam("name") String name,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return scoped.accepted(tenant, t -> attachments.detach(t, name, scoped.now(), scoped.ifMatch(ifMatch, "public address", name)));
    }

    @DELETE
    @Path("/{name}")
    @Operation(operationId = "deletePublicIp", summary = "Release a public address", description = "Answers 202 with phase deleting;"
            + " the address can be allocated again once it is gone. 409 public_ip_attached while attached: detach it first.")
    @APIResponse(responseCode = "202", description = "Accepted, phase deleting", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PublicIp.class)))
    @APIResponse(responseCode = "409", description = "public_ip_attached: detach it first; public_ip_deleting")
    public Uni<Response> delete(@PathParam("tenant") String tenant, @PathParam("name") String name,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return scoped.accepted(tenant, t -> publicIps.requestDelete(t, name, scoped.now(), scoped.ifMatch(ifMatch, "public address", name)));
    }
}
