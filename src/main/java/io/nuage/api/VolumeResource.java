package io.nuage.api;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nuage.storage.Volume;
import io.nuage.storage.VolumeSpec;
import io.nuage.storage.VolumeStore;
import io.nuage.tenancy.TenantAccess;
import io.smallrye.mutiny.Uni;

/**
 * Volumes: persistent disks reconciled onto CDI DataVolumes. The status follows CDI: pending,
 * importing (with progress), ready, failed.
 */
@Path("/v1/tenants/{tenant}/volumes")
@Tag(name = "Volumes")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
public class VolumeResource {

    private final VolumeStore volumes;
    private final VolumeSpecs specs;
    private final TenantAccess access;
    private final Clock clock;

    VolumeResource(VolumeStore volumes, VolumeSpecs specs, TenantAccess access, Clock clock) {
        this.volumes = volumes;
        this.specs = specs;
        this.access = access;
        this.clock = clock;
    }

    @POST
    @Operation(summary = "Create a volume", description = "Answers 201 with status pending; 422 when over the storage quota.")
    public Uni<Response> create(@PathParam("tenant") String tenant, VolumeCreate body) {
        return access.write(tenant).chain(t -> {
            Requests.requireBody(body);
            Checks checks = new Checks().name(body.name(), "name", VolumeRules.NAME_MAX)
                    .required(body.sizeGib(), "size_gib").labels(body.labels(), "labels");
            VolumeRules.checkSize(checks, body.sizeGib());
            VolumeRules.checkStorageClass(checks, body.storageClass());
            VolumeRules.checkSource(checks, body.source());
            checks.throwIfInvalid();
            return specs.of(t, body).chain(spec -> volumes.create(t, spec, now()))
                    .map(v -> Response.created(URI.create("/v1/tenants/" + tenant + "/volumes/" + v.name())).entity(v).build());
        });
    }

    @GET
    @Operation(summary = "List volumes")
    public Uni<Page<Volume>> list(@PathParam("tenant") String tenant, @QueryParam("limit") String limit,
            @QueryParam("page_token") String pageToken) {
        return TenantScoped.page(access, tenant, limit, pageToken, volumes::list, Volume::name);
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "Get a volume")
    public Uni<Volume> get(@PathParam("tenant") String tenant, @PathParam("name") String name) {
        return TenantScoped.get(access, tenant, "volume", name, volumes::find);
    }

    @PATCH
    @Path("/{name}")
    @Operation(summary = "Grow or relabel a volume", description = "size_gib may only grow (422 volume_shrink otherwise); growth counts against the storage quota.")
    public Uni<Volume> patch(@PathParam("tenant") String tenant, @PathParam("name") String name, VolumePatch body) {
        return access.write(tenant).chain(t -> {
            Checks checks = Checks.patch(body, name);
            VolumeRules.checkSize(checks, body.sizeGib());
            checks.throwIfInvalid();
            return volumes.update(t, name, now(), c -> new VolumeSpec(c.name(),
                    body.sizeGib() != null ? body.sizeGib() : c.sizeGib(), c.storageClass(), c.source(),
                    body.labels() != null ? body.labels() : c.labels()));
        });
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete a volume", description = "Answers 202 with phase deleting; 409 volume_attached while an instance uses it.")
    public Uni<Response> delete(@PathParam("tenant") String tenant, @PathParam("name") String name) {
        return TenantScoped.accepted(access, tenant, t -> volumes.requestDelete(t, name, now()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
