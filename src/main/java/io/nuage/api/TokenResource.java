package io.nuage.api;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nuage.tenancy.ApiToken;
import io.nuage.tenancy.Role;
import io.nuage.tenancy.TenantAccess;
import io.nuage.tenancy.TokenStore;
import io.nuage.tenancy.Tokens;
import io.nuage.errors.NuageError;
import io.smallrye.mutiny.Uni;

@DryRunnable
@Path("/v1/tenants/{tenant}/tokens")
@Tag(name = "Tokens")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TokenResource {

    private final TokenStore tokens;
    /** Who mints: a token's role bounds the new one's, its expiry the new one's, and revoking it revokes the new one. */
    private final TenantAccess access;
    private final TenantScoped scoped;

    TokenResource(TokenStore tokens, TenantAccess access, TenantScoped scoped) {
        this.tokens = tokens;
        this.access = access;
        this.scoped = scoped;
    }

    @POST
    @Operation(operationId = "createToken", summary = "Create a tenant token", description = "The secret is in the answer, once; only its hash is kept. A token"
            + " created by a tenant token expires no later than it and is revoked with it; 403 for a role above the creator's;"
            + " 422 quota_exceeded over the tenant's tokens quota.")
    @APIResponse(responseCode = "201", description = "Created; the secret is in this answer only", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenCreated.class)))
    @APIResponse(responseCode = "409", description = "already_exists: the name is taken")
    @APIResponse(responseCode = "422", description = "quota_exceeded")
    public Uni<Response> create(@PathParam("tenant") String tenant, TokenCreate body) {
        return scoped.write(tenant).chain(t -> {
            Requests.requireBody(body);
            access.mayMint(Role.ofWireName(body.role()));
            Instant now = scoped.now();
            new Checks().name(body.name(), "name", Checks.DNS_LABEL_MAX)
                    .required(body.role(), "role")
                    .check(body.role() == null || body.role().equals("member") || body.role().equals("viewer"),
                            "role", "must be 'member' or 'viewer'")
                    .check(body.expiresAt() == null || body.expiresAt().isAfter(now), "expires_at", "must be in the future")
                    .throwIfInvalid();
            String secret = Tokens.newSecret();
            ApiToken token = new ApiToken(UUID.randomUUID(), body.name(), body.role(), now,
                    body.expiresAt() == null ? null : body.expiresAt().truncatedTo(ChronoUnit.MICROS), null);
            return tokens.mint(t, token, Tokens.sha256(secret), access.caller()).map(saved -> Response
                    .created(URI.create("/v1/tenants/" + tenant + "/tokens/" + saved.name()))
                    .entity(new TokenCreated(saved.id(), saved.name(), saved.role(), saved.createdAt(),
                            saved.expiresAt(), saved.createdBy(), DryRun.requested() ? null : Tokens.format(saved.id(), secret)))
                    .build());
        });
    }

    @GET
    @Operation(operationId = "listTokens", summary = "List a tenant's tokens (without secrets)", description = "Ordered by name, a page at a time (limit, page_token);"
            + " created_after and created_before filter it (tokens have no labels).")
    public Uni<Page<ApiToken>> list(@PathParam("tenant") String tenant, @BeanParam PageQuery page, @BeanParam FilterQuery filter) {
        return scoped.page(tenant, page, filter.unlabelled(), List.of(), tokens::list, ApiToken::name);
    }

    @GET
    @Path("/{name}")
    @Operation(operationId = "getToken", summary = "Get a token (without its secret)", description = "Its role, creator and expiry; never its secret.")
    public Uni<ApiToken> get(@PathParam("tenant") String tenant, @PathParam("name") String name) {
        return scoped.get(tenant, "token", name, tokens::find);
    }

    @GET
    @Path("/by-id/{id}")
    @Operation(operationId = "getTokenById", summary = "Get a token by id", description = "The token of that id, or 404 once it is"
            + " deleted, even when another of the same name was created since.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiToken.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<ApiToken> byId(@PathParam("tenant") String tenant,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id) {
        return scoped.byId(tenant, "token", id, tokens::findById);
    }

    @DELETE
    @Path("/{name}")
    @Operation(operationId = "revokeToken", summary = "Revoke a token", description = "Effective at once for every replica; the tokens it created, and theirs,"
            + " are revoked with it.")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Uni<Response> revoke(@PathParam("tenant") String tenant, @PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return scoped.write(tenant).chain(t -> tokens.revoke(t.id(), name, scoped.now(), scoped.ifMatch(ifMatch, "token", name)))
                .map(revoked -> {
                    if (!revoked) {
                        throw NuageError.notFound("token", name);
                    }
                    return Response.noContent().build();
                });
    }
}
