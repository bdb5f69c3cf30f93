package io.nuage.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
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

import io.nuage.compute.SshKey;
import io.nuage.compute.SshKeyStore;
import io.nuage.compute.SshPublicKey;
import io.smallrye.mutiny.Uni;

/**
 * SSH keys: kept once per tenant and named by instances ({@code ssh_key_names}). A key replaced here reaches the running
 * instances that name it through KubeVirt's guest-agent propagation of access credentials.
 */
@DryRunnable
@Path("/v1/tenants/{tenant}/ssh-keys")
@Tag(name = "SSH keys")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
public class SshKeyResource {

    /** Longer than any RSA-16384 key line with a comment. */
    static final int KEY_MAX_BYTES = 8 * 1024;

    private final SshKeyStore keys;
    private final TenantScoped scoped;

    SshKeyResource(SshKeyStore keys, TenantScoped scoped) {
        this.keys = keys;
        this.scoped = scoped;
    }

    @POST
    @Operation(operationId = "createSshKey", summary = "Add an SSH key", description = "Answers 201 with its fingerprint; 409 already_exists;"
            + " 422 ssh_key_limit past " + SshKeyStore.MAX_PER_TENANT + " keys.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SshKey.class)))
    @APIResponse(responseCode = "409", description = "already_exists: the name is taken")
    @APIResponse(responseCode = "422", description = "ssh_key_limit")
    public Uni<Response> create(@PathParam("tenant") String tenant, SshKeyCreate body) {
        return scoped.write(tenant).chain(t -> {
            Requests.requireBody(body);
            Checks checks = new Checks().name(body.name(), "name", Checks.DNS_LABEL_MAX).required(body.publicKey(), "public_key")
                    .labels(body.labels(), "labels");
            SshPublicKey key = publicKey(checks, body.publicKey());
            checks.throwIfInvalid();
            return keys.create(t, body.name(), key, body.labels() == null ? Map.of() : body.labels(), scoped.now());
        }).map(k -> Response.created(URI.create("/v1/tenants/" + tenant + "/ssh-keys/" + k.name())).entity(k).build());
    }

    @GET
    @Operation(operationId = "listSshKeys", summary = "List SSH keys", description = "Ordered by name, a page at a time (limit, page_token).")
    public Uni<Page<SshKey>> list(@PathParam("tenant") String tenant, @BeanParam PageQuery page, @BeanParam FilterQuery filter) {
        return scoped.page(tenant, page, filter, List.of(), keys::list, SshKey::name);
    }

    @GET
    @Path("/{name}")
    @Operation(operationId = "getSshKey", summary = "Get an SSH key", description = "Its authorized_keys line and fingerprint.")
    public Uni<SshKey> get(@PathParam("tenant") String tenant, @PathParam("name") String name) {
        return scoped.get(tenant, "SSH key", name, keys::find);
    }

    @GET
    @Path("/by-id/{id}")
    @Operation(operationId = "getSshKeyById", summary = "Get an SSH key by id", description = "The key of that id, or 404 once it is"
            + " deleted, even when another of the same name was added since.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SshKey.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<SshKey> byId(@PathParam("tenant") String tenant,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id) {
        return scoped.byId(tenant, "SSH key", id, keys::findById);
    }

    @PATCH
    @Path("/{name}")
    @Operation(operationId = "updateSshKey", summary = "Replace an SSH key or its labels", description = "A new public_key is written to the"
            + " instances that name the key; running ones get it through their guest agent, others at their next start.")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SshKey.class)))
    public Uni<SshKey> patch(@PathParam("tenant") String tenant, @PathParam("name") String name,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, SshKeyPatch body) {
        return scoped.write(tenant).chain(t -> {
            Checks checks = Checks.patch(body, name);
            SshPublicKey key = body.publicKey() == null ? null : publicKey(checks, body.publicKey());
            checks.throwIfInvalid();
            return keys.update(t, name, key, body.labels(), scoped.now(), scoped.ifMatch(ifMatch, "SSH key", name));
        });
    }

    @DELETE
    @Path("/{name}")
    @Operation(operationId = "deleteSshKey", summary = "Delete an SSH key", description = "409 ssh_key_in_use while an instance names it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "ssh_key_in_use: instances name it (listed in instances)")
    public Uni<Response> delete(@PathParam("tenant") String tenant, @PathParam("name") String name,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return scoped.write(tenant).chain(t -> keys.delete(t, name, scoped.ifMatch(ifMatch, "SSH key", name)))
                .map(v -> Response.noContent().build());
    }

    /** The key of {@code line}, or null with the reason added to {@code checks}. */
    private static SshPublicKey publicKey(Checks checks, String line) {
        if (line == null) {
            return null;
        }
        if (line.getBytes(StandardCharsets.UTF_8).length > KEY_MAX_BYTES) {
            checks.check(false, "public_key", "at most " + KEY_MAX_BYTES / 1024 + " KiB");
            return null;
        }
        try {
            return SshPublicKey.parse(line);
        } catch (IllegalArgumentException e) {
            checks.check(false, "public_key", e.getMessage());
            return null;
        }
    }
}
