package io.nuage.api;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

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

import io.nuage.platform.NuageConfig;
import io.nuage.storage.Snapshot;
import io.nuage.storage.SnapshotPhase;
import io.nuage.storage.SnapshotStore;
import io.nuage.storage.Volume;
import io.nuage.storage.VolumeSource;
import io.nuage.storage.VolumeSpec;
import io.nuage.storage.VolumeStore;
import io.nuage.tenancy.TenantAccess;
import io.nuage.errors.NuageError;
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
    private final SnapshotStore snapshots;
    private final TenantAccess access;
    private final NuageConfig config;
    private final Clock clock;

    VolumeResource(VolumeStore volumes, SnapshotStore snapshots, TenantAccess access, NuageConfig config, Clock clock) {
        this.volumes = volumes;
        this.snapshots = snapshots;
        this.access = access;
        this.config = config;
        this.clock = clock;
    }

    @POST
    @Operation(summary = "Create a volume", description = "Answers 201 with status pending; 422 when over the storage quota.")
    public Uni<Response> create(@PathParam("tenant") String tenant, VolumeCreate body) {
        return access.write(tenant).chain(t -> {
            if (body == null) {
                throw Requests.missingBody();
            }
            Checks checks = new Checks().name(body.name(), "name", VolumeRules.NAME_MAX)
                    .required(body.sizeGib(), "size_gib").labels(body.labels(), "labels");
            VolumeRules.checkSize(checks, body.sizeGib());
            VolumeRules.checkStorageClass(checks, body.storageClass());
            VolumeRules.checkSource(checks, body.source());
            checks.throwIfInvalid();
            VolumeSource source = body.source() == null ? VolumeSource.blankSource() : body.source();
            String storageClass = body.storageClass() != null ? body.storageClass() : config.storage().defaultClass().orElse(null);
            Map<String, String> labels = body.labels() == null ? Map.of() : body.labels();
            Uni<VolumeSource> resolved = source.type() == VolumeSource.Type.SNAPSHOT
                    ? snapshots.find(t.id(), source.snapshot()).map(s -> fromSnapshot(source, s))
                    : Uni.createFrom().item(source);
            return resolved.chain(src -> volumes.create(t, new VolumeSpec(body.name(), body.sizeGib(), storageClass, src, labels), now()))
                    .map(v -> Response.created(URI.create("/v1/tenants/" + tenant + "/volumes/" + v.name())).entity(v).build());
        });
    }

    /** Which of a ready snapshot's volumes the new volume copies: the one named, or its only one. */
    private static VolumeSource fromSnapshot(VolumeSource source, Snapshot snapshot) {
        if (snapshot == null) {
            throw NuageError.rejected("snapshot_not_found", "Snapshot '" + source.snapshot() + "' does not exist",
                    Map.of("snapshot", source.snapshot()));
        }
        if (snapshot.status().phase() != SnapshotPhase.READY) {
            throw NuageError.conflict("snapshot_not_ready", "Snapshot '" + snapshot.name() + "' is " + snapshot.status().phase().key(),
                    Map.of("phase", snapshot.status().phase().key()));
        }
        List<String> held = snapshot.status().volumes();
        String volume = source.volume();
        if (volume == null && held.size() != 1) {
            throw NuageError.rejected("snapshot_volume_required", "Snapshot '" + snapshot.name() + "' holds "
                    + (held.isEmpty() ? "no volume" : "volumes " + held + ": name one in source.volume"), Map.of("volumes", held));
        }
        if (volume != null && !held.contains(volume)) {
            throw NuageError.rejected("snapshot_volume_not_found", "Snapshot '" + snapshot.name() + "' holds no volume '"
                    + volume + "'", Map.of("volumes", held));
        }
        return new VolumeSource(null, null, null, snapshot.name(), volume != null ? volume : held.get(0));
    }

    @GET
    @Operation(summary = "List volumes")
    public Uni<Page<Volume>> list(@PathParam("tenant") String tenant, @QueryParam("limit") String limit,
            @QueryParam("page_token") String pageToken) {
        int n = Page.limit(limit);
        return access.read(tenant).chain(t -> volumes.list(t.id(), pageToken, n + 1)).map(rows -> Page.of(rows, n, Volume::name));
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "Get a volume")
    public Uni<Volume> get(@PathParam("tenant") String tenant, @PathParam("name") String name) {
        return access.read(tenant).chain(t -> volumes.find(t.id(), name))
                .onItem().ifNull().failWith(() -> NuageError.notFound("volume", name));
    }

    @PATCH
    @Path("/{name}")
    @Operation(summary = "Grow or relabel a volume", description = "size_gib may only grow (422 volume_shrink otherwise); growth counts against the storage quota.")
    public Uni<Volume> patch(@PathParam("tenant") String tenant, @PathParam("name") String name, VolumePatch body) {
        return access.write(tenant).chain(t -> {
            if (body == null) {
                throw Requests.missingBody();
            }
            Checks checks = new Checks().check(body.name() == null || body.name().equals(name), "name", "cannot be changed")
                    .labels(body.labels(), "labels");
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
        return access.write(tenant).chain(t -> volumes.requestDelete(t, name, now()))
                .map(v -> Response.accepted(v).build());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
