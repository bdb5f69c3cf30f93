package io.nuage.api;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nuage.db.ListFilter;
import io.nuage.errors.NuageError;
import io.nuage.tenancy.ReservedTenantNames;
import io.nuage.tenancy.Tenant;
import io.nuage.tenancy.TenantAccess;
import io.nuage.tenancy.TenantNamespaces;
import io.nuage.tenancy.TenantStore;
import io.smallrye.mutiny.Uni;

@DryRunnable
@Path("/v1/tenants")
@Tag(name = "Tenants")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
public class TenantResource {

    private final TenantStore tenants;
    private final TenantNamespaces namespaces;
    private final TenantAccess access;
    private final TenantRules rules;
    private final Clock clock;
    private final ETags etags;

    TenantResource(TenantStore tenants, TenantNamespaces namespaces, TenantAccess access, TenantRules rules, Clock clock,
            ETags etags) {
        this.tenants = tenants;
        this.namespaces = namespaces;
        this.access = access;
        this.rules = rules;
        this.clock = clock;
        this.etags = etags;
    }

    @POST
    @Operation(operationId = "createTenant", summary = "Create a tenant (admin)", description = "Refused with 422 (name_reserved) for names of Nuage's and the"
            + " cluster's own, and with 409 (namespace_taken) when the tenant's namespace exists and was not made by this"
            + " installation.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Tenant.class)))
    @APIResponse(responseCode = "409", description = "already_exists: the name is taken; namespace_taken: its namespace exists and is not this installation's")
    @APIResponse(responseCode = "422", description = "name_reserved; region_not_allowed: a region this installation does not offer")
    public Uni<Response> create(TenantCreate body) {
        access.requireAdmin(null);
        Requests.requireBody(body);
        Checks checks = new Checks().name(body.name(), "name", TenantRules.NAME_MAX).labels(body.labels(), "labels");
        rules.checkDisplayName(checks, body.displayName());
        rules.checkQuota(checks, body.quota());
        rules.checkRegions(checks, body.regions());
        rules.checkSlaTarget(checks, body.slaTarget());
        checks.throwIfInvalid();
        ReservedTenantNames.reason(body.name()).ifPresent(why -> {
            throw NuageError.rejected("name_reserved", "Tenant name '" + body.name() + "' cannot be used: " + why, null);
        });

        Instant now = now();
        Tenant tenant = new Tenant(UUID.randomUUID(), body.name(), body.displayName(),
                body.labels() == null ? Map.of() : body.labels(),
                rules.defaultQuota().with(body.quota()),
                body.regions() == null ? rules.defaultRegions() : body.regions(),
                body.slaTarget() == null ? rules.defaultSlaTarget() : body.slaTarget(),
                now, now);
        return requireFreeNamespace(tenant.name()).chain(() -> tenants.insert(tenant))
                .map(t -> Response.created(URI.create("/v1/tenants/" + t.name())).entity(t).build());
    }

    /**
     * A tenant only ever gets a namespace this installation made for it: one of its name that exists and is not ours is
     * refused here, never adopted. A live tenant of that name is the better answer, so it is looked for first.
     */
    private Uni<Void> requireFreeNamespace(String name) {
        Optional<String> taken = namespaces.takenFor(name);
        if (taken.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tenants.find(name).invoke(existing -> {
            throw existing != null ? TenantStore.alreadyExists(name)
                    : NuageError.conflict("namespace_taken", "Namespace '" + taken.get() + "' exists in the cluster and was not"
                            + " made by this Nuage installation: choose another tenant name", Map.of("namespace", taken.get()));
        }).replaceWithVoid();
    }

    @GET
    @Operation(operationId = "listTenants", summary = "List tenants", description = "The operator sees every tenant; a tenant token sees its own."
            + " label_selector, created_after and created_before filter it.")
    public Uni<Page<Tenant>> list(@BeanParam PageQuery page, @BeanParam FilterQuery filter) {
        int n = page.size();
        ListFilter f = filter.filter(List.of()); // a tenant has no phase
        String only = access.caller().isAdmin() ? null : access.caller().tenantName();
        return tenants.list(page.pageToken(), n + 1, only, f).map(rows -> Page.of(rows, n, Tenant::name));
    }

    @GET
    @Path("/{tenant}")
    @Operation(operationId = "getTenant", summary = "Get a tenant", description = "Its quota, regions and SLA target.")
    public Uni<Tenant> get(@PathParam("tenant") String tenant) {
        return access.read(tenant);
    }

    @PATCH
    @Path("/{tenant}")
    @Operation(operationId = "updateTenant", summary = "Change a tenant (admin)", description = "Fields present replace the current ones; quota field by field."
            + " regions may grow, and shrink only by regions where the tenant has no resource left.")
    @APIResponse(responseCode = "409", description = "region_in_use: the tenant still has resources in a region left out (listed)")
    @APIResponse(responseCode = "422", description = "region_not_allowed: a region this installation does not offer")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Tenant.class)))
    public Uni<Tenant> patch(@PathParam("tenant") String tenant, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, TenantPatch body) {
        access.requireAdmin(tenant);
        Checks checks = Checks.patch(body, tenant);
        rules.requireOffered(body.regions());
        rules.checkDisplayName(checks, body.displayName());
        rules.checkQuota(checks, body.quota());
        rules.checkRegions(checks, body.regions());
        rules.checkSlaTarget(checks, body.slaTarget());
        checks.throwIfInvalid();

        return access.read(tenant).chain(t -> tenants.update(new Tenant(t.id(), t.name(),
                body.displayName() != null ? body.displayName() : t.displayName(),
                body.labels() != null ? body.labels() : t.labels(),
                t.quota().with(body.quota()),
                body.regions() != null ? body.regions() : t.regions(),
                body.slaTarget() != null ? body.slaTarget() : t.slaTarget(),
                t.createdAt(), now()), etags.ifMatch(ifMatch, "tenant", tenant)));
    }

    @DELETE
    @Path("/{tenant}")
    @Operation(operationId = "deleteTenant", summary = "Delete a tenant (admin)", description = "Refused with 409 while the tenant owns resources.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "tenant_not_empty: it owns resources")
    public Uni<Response> delete(@PathParam("tenant") String tenant, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        access.requireAdmin(tenant);
        return access.read(tenant).chain(t -> tenants.delete(t, now(), etags.ifMatch(ifMatch, "tenant", tenant))).map(v -> Response.noContent().build());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
