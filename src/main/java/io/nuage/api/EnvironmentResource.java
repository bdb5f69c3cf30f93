package io.nuage.api;

import java.net.URI;
import java.time.Instant;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nuage.db.Transactions;
import io.nuage.environment.Environment;
import io.nuage.environment.EnvironmentStore;
import io.nuage.errors.NuageError;
import io.nuage.platform.NuageConfig;
import io.nuage.tenancy.Tenant;
import io.nuage.work.WorkItems;
import io.smallrye.mutiny.Uni;

/**
 * Environments for CI: networks, volumes and instances declared in one document, created together (all or none), ready
 * together, and deleted together when the environment is deleted or its time to live ends.
 */
@DryRunnable
@Path("/v1/tenants/{tenant}/environments")
@Tag(name = "Environments")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
public class EnvironmentResource {

    private final EnvironmentStore environments;
    private final EnvironmentMembers members;
    private final EnvironmentDocument document;
    private final EnvironmentReads reads;
    private final Transactions transactions;
    private final TenantScoped scoped;
    private final WorkItems work;
    private final NuageConfig config;

    EnvironmentResource(EnvironmentStore environments, EnvironmentMembers members, EnvironmentDocument document, EnvironmentReads reads,
            Transactions transactions, TenantScoped scoped, WorkItems work, NuageConfig config) {
        this.environments = environments;
        this.members = members;
        this.document = document;
        this.reads = reads;
        this.transactions = transactions;
        this.scoped = scoped;
        this.work = work;
        this.config = config;
    }

    @POST
    @Operation(operationId = "createEnvironment", summary = "Create an environment", description = "Creates every member at once, as"
            + " <environment>-<member>, labelled nuage.io/environment=<environment>: all of them, or none with the refusal of the"
            + " member at fault (its path in errors[], member names it). Then status.phase moves to ready, or failed.")
    @APIResponse(responseCode = "201", description = "Created, status provisioning", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnvironmentView.class)))
    @APIResponse(responseCode = "409", description = "already_exists: the environment's name, or a member's full name, is taken; any member's 409")
    @APIResponse(responseCode = "422", description = "quota_exceeded, and any other 422 of a member's create")
    public Uni<Response> create(@PathParam("tenant") String tenant, EnvironmentCreate body) {
        return scoped.write(tenant).chain(t -> {
            Requests.requireBody(body);
            Checks checks = new Checks().name(body.name(), "name", EnvironmentDocument.NAME_MAX).required(body.ttl(), "ttl")
                    .labels(body.labels(), "labels");
            int ttl = EnvironmentDocument.ttl(checks, "ttl", body.ttl(), config.environments().maxTtl());
            EnvironmentDocument.Members wanted = EnvironmentDocument.Members.declared(body.networks(), body.volumes(), body.instances(),
                    EnvironmentDocument.Members.NONE);
            EnvironmentDocument.check(checks, body.name(), wanted);
            EnvironmentDocument.checkMembers(checks, wanted);
            checks.throwIfInvalid();
            Instant now = scoped.now();
            return transactions.together(false, () -> environments.insert(t.id(), body.name(), document.json(wanted),
                    body.labels() == null ? Map.of() : body.labels(), ttl, now)
                    .chain(e -> members.apply(tenant, e, EnvironmentDocument.Members.NONE, wanted).chain(ids -> environments.addMembers(e, ids)))
                    .chain(e -> reads.view(e, now)));
        }).invoke(work::committed).map(v -> Response.created(URI.create("/v1/tenants/" + tenant + "/environments/" + v.name())).entity(v).build());
    }

    @GET
    @Operation(operationId = "listEnvironments", summary = "List environments", description = "Ordered by name, a page at a time;"
            + " label_selector, created_after and created_before filter it (phase does not: it is worked out from the members).")
    public Uni<Page<EnvironmentView>> list(@PathParam("tenant") String tenant, @BeanParam PageQuery page, @BeanParam FilterQuery filter) {
        return scoped.page(tenant, page, filter, List.of(), environments::list, Environment::name)
                .chain(p -> reads.views(p.items()).map(views -> new Page<>(views, p.nextPageToken())));
    }

    @GET
    @Path("/{name}")
    @Operation(operationId = "getEnvironment", summary = "Get an environment", description = "With wait_for=ready (or failed,"
            + " deleting, deleted) and timeout, the answer waits for that phase; failed answers at once.")
    public Uni<EnvironmentView> get(@PathParam("tenant") String tenant, @PathParam("name") String name, @BeanParam WaitQuery wait) {
        return reads.get(tenant, name, wait);
    }

    @GET
    @Path("/by-id/{id}")
    @Operation(operationId = "getEnvironmentById", summary = "Get an environment by id", description = "The environment of that id, or 404 once it is"
            + " gone, even when another of the same name was created since.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnvironmentView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<EnvironmentView> byId(@PathParam("tenant") String tenant,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id) {
        return scoped.byId(tenant, "environment", id, environments::findById).chain(e -> reads.view(e, scoped.now()));
    }

    @PATCH
    @Path("/{name}")
    @Operation(operationId = "updateEnvironment", summary = "Change an environment", description = "A list given replaces that kind's"
            + " members: new ones are created, changed ones changed as their own PATCH would (422 immutable_field for a cidr),"
            + " and those left out deleted within nuage.environments.sweep-interval. ttl restarts the time to live from now.")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnvironmentView.class)))
    @APIResponse(responseCode = "409", description = "environment_deleting; any member's 409")
    public Uni<EnvironmentView> patch(@PathParam("tenant") String tenant, @PathParam("name") String name,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, EnvironmentPatch body) {
        return scoped.write(tenant).chain(t -> {
            Checks checks = Checks.patch(body, name);
            int ttl = EnvironmentDocument.ttl(checks, "ttl", body.ttl(), config.environments().maxTtl());
            checks.throwIfInvalid();
            Instant now = scoped.now();
            return transactions.together(false, () -> locked(t, name, ifMatch, now, true).chain(e -> {
                EnvironmentDocument.Members had = document.members(e.document());
                EnvironmentDocument.Members wanted = EnvironmentDocument.Members.declared(
                        body.networks() != null ? body.networks() : had.networks(), body.volumes() != null ? body.volumes() : had.volumes(),
                        body.instances() != null ? body.instances() : had.instances(), had);
                Checks whole = new Checks();
                EnvironmentDocument.check(whole, name, wanted);
                EnvironmentDocument.checkMembers(whole, wanted);
                whole.throwIfInvalid();
                int seconds = ttl > 0 ? ttl : e.ttlSeconds();
                return members.apply(tenant, e, had, wanted).chain(ids -> environments.addMembers(e, ids))
                        .chain(() -> environments.update(e, document.json(wanted), body.labels() != null ? body.labels() : e.labels(),
                                seconds, ttl > 0 ? now.plusSeconds(ttl) : e.expiresAt(), now))
                        .chain(changed -> reads.view(changed, now));
            }));
        }).invoke(work::committed);
    }

    @POST
    @Path("/{name}/extend")
    @Operation(operationId = "extendEnvironment", summary = "Extend an environment's time to live", description = "It now ends"
            + " ttl (default: its own) from now. 409 environment_deleting once deleted or expired.")
    @APIResponse(responseCode = "200", description = "Extended", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnvironmentView.class)))
    @APIResponse(responseCode = "409", description = "environment_deleting: deleted, or its time to live ended")
    public Uni<EnvironmentView> extend(@PathParam("tenant") String tenant, @PathParam("name") String name,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @RequestBody(required = false) EnvironmentExtend body) {
        return scoped.write(tenant).chain(t -> {
            Checks checks = new Checks();
            int ttl = EnvironmentDocument.ttl(checks, "ttl", body == null ? null : body.ttl(), config.environments().maxTtl());
            checks.throwIfInvalid();
            Instant now = scoped.now();
            return transactions.together(false, () -> locked(t, name, ifMatch, now, true).chain(e -> {
                int seconds = ttl > 0 ? ttl : e.ttlSeconds();
                return environments.update(e, e.document(), e.labels(), seconds, now.plusSeconds(seconds), now)
                        .chain(changed -> reads.view(changed, now));
            }));
        });
    }

    @DELETE
    @Path("/{name}")
    @Operation(operationId = "deleteEnvironment", summary = "Delete an environment and its members", description = "Answers 202 with"
            + " phase deleting; instances go first, then volumes and networks; the environment is gone with its last member.")
    @APIResponse(responseCode = "202", description = "Accepted, phase deleting", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnvironmentView.class)))
    public Uni<Response> delete(@PathParam("tenant") String tenant, @PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return scoped.write(tenant).chain(t -> {
            Instant now = scoped.now();
            return transactions.together(false, () -> locked(t, name, ifMatch, now, false)
                    .chain(e -> environments.requestDelete(e, now)).chain(e -> reads.view(e, now)));
        }).map(v -> Response.accepted(v).build());
    }

    /** The live environment, locked, as {@code If-Match} expects it; if {@code live}, 409 once deleted or expired. */
    private Uni<Environment> locked(Tenant t, String name, String ifMatch, Instant now, boolean live) {
        return environments.lock(t.id(), name).onItem().ifNull().failWith(() -> NuageError.notFound("environment", name))
                .call(e -> reads.view(e, now).invoke(v -> scoped.<EnvironmentView> ifMatch(ifMatch, "environment", name).check(v)))
                .invoke(e -> {
                    if (live && e.ending(now)) {
                        throw NuageError.conflict("environment_deleting", "Environment '" + name + "' is being deleted"
                                + (e.deleteRequestedAt() == null ? ": its time to live ended" : ""));
                    }
                });
    }
}
