package io.nuage.api;

import java.util.Arrays;
import java.net.URI;
import java.util.ArrayList;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nuage.network.NetworkPhase;
import io.nuage.network.FirewallRule;
import io.nuage.network.Ipv4;
import io.nuage.network.Network;
import io.nuage.network.NetworkSpec;
import io.nuage.network.NetworkStore;
import io.nuage.errors.NuageError;
import io.nuage.platform.RegionDirectory;
import io.nuage.tenancy.Regions;
import io.nuage.errors.FieldError;
import io.smallrye.mutiny.Uni;

/**
 * Networks: private layer-2 IPv4 networks, reconciled onto Multus NetworkAttachmentDefinitions,
 * whose addresses Nuage assigns to the instances attached to them, with firewall rules.
 */
@DryRunnable
@Path("/v1/tenants/{tenant}/networks")
@Tag(name = "Networks")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
public class NetworkResource {

    private static final List<String> PHASES = Arrays.stream(NetworkPhase.values()).map(NetworkPhase::key).toList();

    private final NetworkStore networks;
    private final WaitingReads reads;
    private final TenantScoped scoped;

    private final RegionDirectory regions;

    NetworkResource(NetworkStore networks, TenantScoped scoped, WaitingReads reads, RegionDirectory regions) {
        this.reads = reads;
        this.regions = regions;
        this.networks = networks;
        this.scoped = scoped;
    }

    @POST
    @Operation(operationId = "createNetwork", summary = "Create a network", description = "Answers 201 with status pending; 409 cidr_overlap when the CIDR overlaps"
            + " another network of the tenant; 422 quota_exceeded when over the networks quota.")
    @APIResponse(responseCode = "201", description = "Created, status pending", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Network.class)))
    @APIResponse(responseCode = "409", description = "already_exists: the name is taken; cidr_overlap: another network of the tenant overlaps")
    @APIResponse(responseCode = "422", description = "quota_exceeded; region_not_allowed: not one of the tenant's regions")
    public Uni<Response> create(@PathParam("tenant") String tenant, NetworkCreate body) {
        return created(tenant, body).map(n -> Response.created(URI.create("/v1/tenants/" + tenant + "/networks/" + n.name())).entity(n).build());
    }

    /** The create itself, also an environment's for its networks. */
    Uni<Network> created(String tenant, NetworkCreate body) {
        return scoped.write(tenant).chain(t -> {
            Ipv4.Block block = check(body);
            String gateway = body.gateway() != null ? body.gateway() : Ipv4.format(block.firstHost());
            String region = Regions.of(t, body.region(), null, regions.names());
            NetworkSpec spec = new NetworkSpec(body.name(), block.toString(), gateway,
                    body.dnsServers() == null ? List.of() : body.dnsServers(), normalized(body.firewallRules()),
                    body.labels() == null ? Map.of() : body.labels(), region);
            return networks.create(t, spec, scoped.now());
        });
    }

    /** The body's field rules, checked before anything is read; its CIDR. */
    static Ipv4.Block check(NetworkCreate body) {
        Requests.requireBody(body);
        Checks checks = new Checks().name(body.name(), "name", NetworkRules.NAME_MAX).required(body.cidr(), "cidr")
                .labels(body.labels(), "labels");
        Ipv4.Block block = NetworkRules.cidr(checks, body.cidr(), "cidr");
        NetworkRules.gateway(checks, body.gateway(), block);
        NetworkRules.dnsServers(checks, body.dnsServers());
        NetworkRules.firewallRules(checks, body.firewallRules());
        checks.throwIfInvalid();
        return block;
    }

    @GET
    @Operation(operationId = "listNetworks", summary = "List networks", description = "Ordered by name, a page at a time (limit, page_token).")
    public Uni<Page<Network>> list(@PathParam("tenant") String tenant, @BeanParam PageQuery page,
            @BeanParam FilterQuery filter) {
        return scoped.page(tenant, page, filter, PHASES, networks::list, Network::name);
    }

    @GET
    @Path("/{name}")
    @Operation(operationId = "getNetwork", summary = "Get a network", description = "With its addresses allocated and available.")
    public Uni<Network> get(@PathParam("tenant") String tenant, @PathParam("name") String name, @BeanParam WaitQuery wait) {
        return reads.get(tenant, name, wait, new WaitingReads.Kind<>("network", "networks", PHASES, networks::find, networks::findById,
                Network::id, n -> n.status().phase().key()));
    }

    @GET
    @Path("/by-id/{id}")
    @Operation(operationId = "getNetworkById", summary = "Get a network by id", description = "The network of that id, or 404 once it is"
            + " deleted, even when another of the same name was created since.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Network.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<Network> byId(@PathParam("tenant") String tenant,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id) {
        return scoped.byId(tenant, "network", id, networks::findById);
    }

    @PATCH
    @Path("/{name}")
    @Operation(operationId = "updateNetwork", summary = "Change a network", description = "dns_servers, firewall_rules and labels can change; cidr and gateway"
            + " cannot (422 immutable_field).")
    @APIResponse(responseCode = "409", description = "network_deleting")
    @APIResponse(responseCode = "422", description = "immutable_field: cidr, gateway and region cannot change")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Network.class)))
    public Uni<Network> patch(@PathParam("tenant") String tenant, @PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            NetworkPatch body) {
        return scoped.write(tenant).chain(t -> {
            Checks checks = Checks.patch(body, name);
            NetworkRules.cidr(checks, body.cidr(), "cidr");
            NetworkRules.gateway(checks, body.gateway(), null);
            NetworkRules.dnsServers(checks, body.dnsServers());
            NetworkRules.firewallRules(checks, body.firewallRules());
            checks.throwIfInvalid();
            return networks.update(t, name, scoped.now(), scoped.ifMatch(ifMatch, "network", name), current -> {
                checkImmutable(body, current);
                return new NetworkSpec(current.name(), current.cidr(), current.gateway(),
                        body.dnsServers() != null ? body.dnsServers() : current.dnsServers(),
                        body.firewallRules() != null ? normalized(body.firewallRules()) : current.firewallRules(),
                        body.labels() != null ? body.labels() : current.labels(), current.region());
            });
        });
    }

    @DELETE
    @Path("/{name}")
    @Operation(operationId = "deleteNetwork", summary = "Delete a network", description = "Answers 202 with phase deleting; 409 network_in_use while an instance"
            + " (deleting ones included) has an address on it.")
    @APIResponse(responseCode = "202", description = "Accepted, phase deleting", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Network.class)))
    @APIResponse(responseCode = "409", description = "network_in_use: an instance has an address on it")
    public Uni<Response> delete(@PathParam("tenant") String tenant, @PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return scoped.accepted(tenant, t -> networks.requestDelete(t, name, scoped.now(), scoped.ifMatch(ifMatch, "network", name)));
    }

    /**
     * Instances hold addresses in the CIDR and were booted with it: the addressing of a network
     * is fixed. A value equal to the current one is accepted, so a GET body can be sent back.
     */
    private static void checkImmutable(NetworkPatch body, NetworkSpec current) {
        List<FieldError> changed = new ArrayList<>();
        if (body.cidr() != null && !Ipv4.parseBlock(body.cidr()).toString().equals(current.cidr())) {
            changed.add(new FieldError("cidr", "cannot be changed: create another network"));
        }
        if (body.gateway() != null && !body.gateway().equals(current.gateway())) {
            changed.add(new FieldError("gateway", "cannot be changed: create another network"));
        }
        if (body.region() != null && !body.region().equals(current.region())) {
            changed.add(new FieldError("region", "cannot be changed: create another network in that region"));
        }
        if (!changed.isEmpty()) {
            throw NuageError.immutable("The addressing of a network cannot change once created", changed);
        }
    }

    private static List<FirewallRule> normalized(List<FirewallRule> rules) {
        return rules == null ? List.of() : rules.stream().map(FirewallRule::normalized).toList();
    }
}
