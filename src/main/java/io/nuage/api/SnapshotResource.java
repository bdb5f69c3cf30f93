package io.nuage.api;

import java.util.Arrays;
import java.util.List;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

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

import io.nuage.storage.SnapshotPhase;
import io.nuage.errors.NuageError;
import io.nuage.storage.Snapshot;
import io.nuage.storage.SnapshotStore;
import io.nuage.tenancy.Tenant;
import io.smallrye.mutiny.Uni;

/** Snapshots of instances on KubeVirt VirtualMachineSnapshots; a ready one can be restored or give volumes. */
@DryRunnable
@Path("/v1/tenants/{tenant}/snapshots")
@Tag(name = "Snapshots")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SnapshotResource {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int SUFFIX_LENGTH = 4;
    /** What of the instance's name a default name keeps: with the stamp and the suffix it is a valid snapshot name. */
    private static final int INSTANCE_PART_MAX = VolumeRules.NAME_MAX - "-yyyyMMdd-HHmmss-".length() - SUFFIX_LENGTH;
    /** Default names tried before the conflict is answered: 36^4 suffixes make a second try already rare. */
    private static final int DEFAULT_NAME_TRIES = 3;

    private static final List<String> PHASES = Arrays.stream(SnapshotPhase.values()).map(SnapshotPhase::key).toList();

    private final SnapshotStore snapshots;
    private final WaitingReads reads;
    private final TenantScoped scoped;

    SnapshotResource(SnapshotStore snapshots, TenantScoped scoped, WaitingReads reads) {
        this.reads = reads;
        this.snapshots = snapshots;
        this.scoped = scoped;
    }

    @POST
    @Operation(operationId = "createSnapshot", summary = "Snapshot an instance", description = "Answers 201 with phase pending, then in_progress and ready;"
            + " 422 instance_not_found; 422 quota_exceeded when over the snapshots quota. Without a name, the snapshot is"
            + " named <instance>-<yyyymmdd-hhmmss>-<4 random letters or digits> (UTC): unique even for several snapshots of"
            + " one instance in the same second.")
    @APIResponse(responseCode = "201", description = "Created, phase pending", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Snapshot.class)))
    @APIResponse(responseCode = "409", description = "already_exists: the name is taken; instance_deleting")
    @APIResponse(responseCode = "422", description = "instance_not_found, quota_exceeded")
    public Uni<Response> create(@PathParam("tenant") String tenant, SnapshotCreate body) {
        return scoped.write(tenant).chain(t -> {
            Requests.requireBody(body);
            Checks checks = new Checks().name(body.instance(), "instance", Checks.DNS_LABEL_MAX).labels(body.labels(), "labels");
            if (body.name() != null) {
                checks.name(body.name(), "name", VolumeRules.NAME_MAX);
            }
            checks.throwIfInvalid();
            Map<String, String> labels = body.labels() == null ? Map.of() : body.labels();
            Instant now = scoped.now();
            Uni<Snapshot> created = body.name() != null
                    ? snapshots.create(t, body.name(), body.instance(), labels, now)
                    : createWithDefaultName(t, body.instance(), labels, now);
            return created.map(s -> Response.created(URI.create("/v1/tenants/" + tenant + "/snapshots/" + s.name())).entity(s).build());
        });
    }

    @GET
    @Operation(operationId = "listSnapshots", summary = "List snapshots", description = "Ordered by name, a page at a time (limit, page_token).")
    public Uni<Page<Snapshot>> list(@PathParam("tenant") String tenant, @BeanParam PageQuery page,
            @BeanParam FilterQuery filter) {
        return scoped.page(tenant, page, filter, PHASES, snapshots::list, Snapshot::name);
    }

    @GET
    @Path("/{name}")
    @Operation(operationId = "getSnapshot", summary = "Get a snapshot", description = "With the volumes it holds and the state of its last restore.")
    public Uni<Snapshot> get(@PathParam("tenant") String tenant, @PathParam("name") String name, @BeanParam WaitQuery wait) {
        return reads.get(tenant, name, wait, new WaitingReads.Kind<>("snapshot", "snapshots", PHASES, snapshots::find, snapshots::findById,
                Snapshot::id, s -> s.status().phase().key()));
    }

    @GET
    @Path("/by-id/{id}")
    @Operation(operationId = "getSnapshotById", summary = "Get a snapshot by id", description = "The snapshot of that id, or 404 once it is"
            + " deleted, even when another of the same name was created since.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Snapshot.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<Snapshot> byId(@PathParam("tenant") String tenant,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id) {
        return scoped.byId(tenant, "snapshot", id, snapshots::findById);
    }

    @POST
    @Path("/{name}/restore")
    @Operation(operationId = "restoreSnapshot", summary = "Restore a snapshot onto its instance", description = "The instance must be stopped (409 instance_running)"
            + " and the snapshot ready (409 snapshot_not_ready). Answers 202; status.restore.phase goes in_progress, then complete."
            + " The instance's volumes are overwritten in place.")
    @APIResponse(responseCode = "202", description = "Accepted, status.restore.phase in_progress", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Snapshot.class)))
    @APIResponse(responseCode = "409", description = "instance_running: stop the instance first; snapshot_not_ready; restore_in_progress; instance_deleted; snapshot_volumes_changed")
    public Uni<Response> restore(@PathParam("tenant") String tenant, @PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return scoped.accepted(tenant, t -> snapshots.requestRestore(t, name, scoped.now(), scoped.ifMatch(ifMatch, "snapshot", name)));
    }

    @DELETE
    @Path("/{name}")
    @Operation(operationId = "deleteSnapshot", summary = "Delete a snapshot", description = "Volumes already made from it are not affected.")
    @APIResponse(responseCode = "202", description = "Accepted, phase deleting", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Snapshot.class)))
    @APIResponse(responseCode = "409", description = "restore_in_progress; snapshot_in_use; snapshot_deleting")
    public Uni<Response> delete(@PathParam("tenant") String tenant, @PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return scoped.accepted(tenant, t -> snapshots.requestDelete(t, name, scoped.now(), scoped.ifMatch(ifMatch, "snapshot", name)));
    }

    /** Under a default name; should that name be taken all the same, under another suffix. */
    private Uni<Snapshot> createWithDefaultName(Tenant tenant, String instance, Map<String, String> labels, Instant now) {
        return Uni.createFrom().deferred(() -> snapshots.create(tenant, defaultName(instance, now), instance, labels, now))
                .onFailure(e -> e instanceof NuageError n && n.code().equals("already_exists"))
                .retry().atMost(DEFAULT_NAME_TRIES - 1);
    }

    /**
     * {@code <instance>-<yyyymmdd-hhmmss>-<suffix>} (UTC), the instance part cut to keep within the name limit: the
     * time makes it readable, the random suffix unique among snapshots taken in the same second.
     */
    private static String defaultName(String instance, Instant now) {
        String prefix = instance.length() > INSTANCE_PART_MAX ? instance.substring(0, INSTANCE_PART_MAX) : instance;
        StringBuilder name = new StringBuilder(prefix.endsWith("-") ? prefix : prefix + "-").append(STAMP.format(now)).append('-');
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            name.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return name.toString();
    }
}
