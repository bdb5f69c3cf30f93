package io.nuage.api;

import java.util.Arrays;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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

import io.nuage.compute.InstancePhase;
import io.nuage.compute.Instance;
import io.nuage.compute.InstanceSpec;
import io.nuage.compute.AttachmentStore;
import io.nuage.compute.InstanceCreation;
import io.nuage.compute.BootDisk;
import io.nuage.compute.InstanceStore;
import io.nuage.compute.InstanceType;
import io.nuage.compute.InstanceTypeStore;
import io.nuage.platform.RegionDirectory;
import io.nuage.tenancy.TenantAccess;
import io.nuage.status.ConditionStatus;
import io.nuage.errors.NuageError;
import io.nuage.errors.FieldError;
import io.smallrye.mutiny.Uni;

/**
 * Instances: virtual machines reconciled onto KubeVirt. Requests only change rows; the
 * status moves as the reconciler works (pending, provisioning, starting, running...).
 */
@DryRunnable
@Path("/v1/tenants/{tenant}/instances")
@Tag(name = "Instances")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
public class InstanceResource {

    private static final List<String> PHASES = Arrays.stream(InstancePhase.values()).map(InstancePhase::key).toList();
    /** What a GET may wait for: a phase, or a running instance's guest having booted. */
    private static final List<String> WAIT_STATES = Stream.concat(PHASES.stream(), Stream.of(Waits.GUEST_READY))
            .toList();

    private final InstanceStore instances;
    private final InstanceCreation creation;
    private final AttachmentStore attachments;
    /** Only for the create, which checks the caller's rights before its own statement reads the tenant. */
    private final TenantAccess access;
    private final RegionDirectory regions;
    private final WaitingReads reads;
    private final TenantScoped scoped;
    private final InstanceTypeStore types;

    InstanceResource(InstanceStore instances, InstanceCreation creation, AttachmentStore attachments, TenantAccess access,
            RegionDirectory regions, TenantScoped scoped, WaitingReads reads, InstanceTypeStore types) {
        this.types = types;
        this.reads = reads;
        this.instances = instances;
        this.creation = creation;
        this.attachments = attachments;
        this.access = access;
        this.regions = regions;
        this.scoped = scoped;
    }

    @POST
    @Operation(operationId = "createInstance", summary = "Create an instance", description = "Answers 201 with status pending; 422 when over quota or outside the tenant's"
            + " regions, or for an unknown network or an address that is not assignable; 409 when an address is taken or a network is full.")
    @APIResponse(responseCode = "201", description = "Created, status pending", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Instance.class)))
    @APIResponse(responseCode = "409", description = "already_exists: the name is taken; ip_in_use: the address is another instance's; network_exhausted: no address left; network_deleting; volume_attached: another instance has a volume; volume_deleting")
    @APIResponse(responseCode = "422", description = "quota_exceeded, region_not_allowed, network_not_found, ip_outside_network, ip_reserved, volume_not_found, too_many_volumes, ssh_key_not_found, instance_type_not_found")
    public Uni<Response> create(@PathParam("tenant") String tenant, InstanceCreate body) {
        return created(tenant, body).map(i -> Response.created(URI.create("/v1/tenants/" + tenant + "/instances/" + i.name())).entity(i).build());
    }

    /** The create itself, also an environment's for its instances. */
    Uni<Instance> created(String tenant, InstanceCreate body) {
        // The create's own statement reads the tenant. A body refused before it reads the tenant first, so that a
        // tenant that does not exist answers 404 whatever the body.
        return access.mayWrite(tenant)
                .chain(() -> Uni.createFrom().item(() -> spec(body))
                        .onFailure().recoverWithUni(refused -> access.write(tenant).chain(t -> Uni.createFrom().failure(refused))))
                .chain(spec -> spec.instanceType() == null ? Uni.createFrom().item(spec)
                        : types.resolve(spec.instanceType(), "instance_type").map(spec::sized))
                .chain(spec -> creation.create(tenant, spec, body.networks() == null ? List.of() : body.networks(),
                        body.volumes() == null ? List.of() : body.volumes(), regions.names(), scoped.now()));
    }

    /**
     * The desired state the body asks for, checked; its region null for the tenant's first. With an instance type its
     * size is 0 until the type's is put in ({@link InstanceSpec#sized}).
     */
    static InstanceSpec spec(InstanceCreate body) {
        Requests.requireBody(body);
        Checks checks = new Checks().name(body.name(), "name", InstanceRules.NAME_MAX).labels(body.labels(), "labels")
                .check(body.image() != null || body.boot() != null, "image", "is required, unless boot is given")
                .check(body.image() == null || body.boot() == null, "boot", "boots the instance instead of image: give one of them");
        InstanceBoot.check(checks, body.boot(), true);
        InstanceRules.size(checks, body.instanceType(), body.vcpus(), body.memoryMib(), true);
        InstanceRules.check(checks, body.vcpus(), body.memoryMib(), body.image(), body.sshKeys(), body.userData());
        NetworkRules.instanceNetworks(checks, body.networks());
        List<String> volumes = body.volumes() == null ? List.of() : body.volumes();
        for (int i = 0; i < volumes.size(); i++) {
            checks.name(volumes.get(i), "volumes[" + i + "]", Checks.DNS_LABEL_MAX);
        }
        checks.check(volumes.stream().distinct().count() == volumes.size(), "volumes", "must not name a volume twice");
        InstanceRules.sshKeyNames(checks, body.sshKeyNames());
        checks.throwIfInvalid();
        return new InstanceSpec(body.name(), body.vcpus() == null ? 0 : body.vcpus(), body.memoryMib() == null ? 0 : body.memoryMib(),
                body.image(), body.sshKeys() == null ? List.of() : body.sshKeys().stream().map(String::trim).toList(),
                body.sshKeyNames() == null ? List.of() : body.sshKeyNames(), body.userData(), body.labels() == null ? Map.of() : body.labels(),
                body.region(), body.running() == null || body.running(), body.instanceType(),
                body.boot() == null ? null : new BootDisk(body.boot().image(), body.boot().sizeGib() == null ? 0 : body.boot().sizeGib()));
    }

    @GET
    @Operation(operationId = "listInstances", summary = "List instances", description = "Ordered by name, a page at a time (limit, page_token).")
    public Uni<Page<Instance>> list(@PathParam("tenant") String tenant, @BeanParam PageQuery page,
            @BeanParam FilterQuery filter) {
        return scoped.page(tenant, page, filter, PHASES, instances::list, Instance::name);
    }

    @GET
    @Path("/{name}")
    @Operation(operationId = "getInstance", summary = "Get an instance", description = "The desired state and the status last observed in the cluster.")
    public Uni<Instance> get(@PathParam("tenant") String tenant, @PathParam("name") String name, @BeanParam WaitQuery wait) {
        return reads.get(tenant, name, wait, new WaitingReads.Kind<>("instance", "instances", WAIT_STATES, instances::find,
                instances::findById, Instance::id, InstanceResource::state));
    }

    @GET
    @Path("/by-id/{id}")
    @Operation(operationId = "getInstanceById", summary = "Get an instance by id", description = "The instance of that id, or 404 once it is"
            + " deleted, even when another of the same name was created since.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Instance.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<Instance> byId(@PathParam("tenant") String tenant,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id) {
        return scoped.byId(tenant, "instance", id, instances::findById);
    }

    /** The instance's phase, or guest_ready once it runs and its condition GuestReady is true (as {@link Waits} reads it). */
    private static String state(Instance i) {
        boolean guestReady = i.status().conditions().stream().anyMatch(c -> c.type().equals("GuestReady")
                && c.status() == ConditionStatus.TRUE);
        return i.status().phase() == InstancePhase.RUNNING && guestReady ? Waits.GUEST_READY : i.status().phase().key();
    }

    @PATCH
    @Path("/{name}")
    @Operation(operationId = "updateInstance", summary = "Change an instance", description = "A vcpus/memory_mib (or instance_type) change of a"
            + " running instance applies at its next restart (condition RestartRequired).")
    @APIResponse(responseCode = "409", description = "instance_deleting; restore_in_progress")
    @APIResponse(responseCode = "422", description = "quota_exceeded: a resize over the quota; ssh_key_not_found; instance_type_not_found")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Instance.class)))
    public Uni<Instance> patch(@PathParam("tenant") String tenant, @PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            InstancePatch body) {
        return scoped.write(tenant).chain(t -> {
            Checks checks = Checks.patch(body, name);
            InstanceRules.check(checks, body.vcpus(), body.memoryMib(), body.image(), body.sshKeys(), body.userData());
            InstanceRules.sshKeyNames(checks, body.sshKeyNames());
            InstanceRules.size(checks, body.instanceType(), body.vcpus(), body.memoryMib(), false);
            InstanceBoot.check(checks, body.boot(), false);
            checks.throwIfInvalid();
            Uni<InstanceType> type = body.instanceType() == null ? Uni.createFrom().nullItem()
                    : types.resolve(body.instanceType(), "instance_type");
            return type.chain(newType -> instances.update(t, name, scoped.now(), scoped.ifMatch(ifMatch, "instance", name), current -> {
                InstanceSpec c = current.spec();
                if (body.region() != null && !body.region().equals(c.region())) {
                    throw NuageError.validation(List.of(new FieldError("region", "cannot be changed")));
                }
                if (c.instanceType() != null && (body.vcpus() != null || body.memoryMib() != null)) {
                    throw NuageError.validation(List.of(new FieldError(body.vcpus() != null ? "vcpus" : "memory_mib",
                            "is set by the instance type '" + c.instanceType() + "': change instance_type to resize")));
                }
                InstanceSpec next = new InstanceSpec(c.name(),
                        body.vcpus() != null ? body.vcpus() : c.vcpus(),
                        body.memoryMib() != null ? body.memoryMib() : c.memoryMib(),
                        body.image() != null ? body.image() : c.image(),
                        body.sshKeys() != null ? body.sshKeys().stream().map(String::trim).toList() : c.sshKeys(),
                        body.sshKeyNames() != null ? body.sshKeyNames() : c.sshKeyNames(),
                        body.userData(),
                        body.labels() != null ? body.labels() : c.labels(),
                        c.region(),
                        body.running() != null ? body.running() : c.running(),
                        c.instanceType(), BootDisks.next(name, c, body));
                return newType == null ? next : next.sized(newType);
            }));
        });
    }

    @DELETE
    @Path("/{name}")
    @Operation(operationId = "deleteInstance", summary = "Delete an instance", description = "Answers 202 with phase deleting; the instance disappears once its cluster objects are gone.")
    @APIResponse(responseCode = "202", description = "Accepted, phase deleting", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Instance.class)))
    public Uni<Response> delete(@PathParam("tenant") String tenant, @PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return scoped.accepted(tenant, t -> instances.requestDelete(t, name, scoped.now(), scoped.ifMatch(ifMatch, "instance", name)));
    }

    @POST
    @Path("/{name}/start")
    @Operation(operationId = "startInstance", summary = "Start an instance", description = "Sets running to true; the status follows.")
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Instance.class)))
    @APIResponse(responseCode = "409", description = "instance_deleting; restore_in_progress")
    public Uni<Response> start(@PathParam("tenant") String tenant, @PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return power(tenant, name, ifMatch, true);
    }

    @POST
    @Path("/{name}/stop")
    @Operation(operationId = "stopInstance", summary = "Stop an instance", description = "A stop asked for by the tenant is not downtime.")
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Instance.class)))
    @APIResponse(responseCode = "409", description = "instance_deleting; restore_in_progress")
    public Uni<Response> stop(@PathParam("tenant") String tenant, @PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return power(tenant, name, ifMatch, false);
    }

    @POST
    @Path("/{name}/restart")
    @Operation(operationId = "restartInstance", summary = "Restart a running instance", description = "409 when the instance is stopped.")
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Instance.class)))
    @APIResponse(responseCode = "409", description = "instance_stopped: a stopped instance cannot restart; instance_deleting")
    public Uni<Response> restart(@PathParam("tenant") String tenant, @PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return scoped.accepted(tenant, t -> instances.requestRestart(t, name, scoped.now(), scoped.ifMatch(ifMatch, "instance", name)));
    }

    @POST
    @Path("/{name}/volumes")
    @Operation(operationId = "attachVolume", summary = "Attach a volume", description = "Hot-plugged into a running instance, else attached at its next start;"
            + " the volume's status (condition Attached) says which. 409 volume_attached when another instance has it;"
            + " attaching a volume the instance already has changes nothing.")
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Instance.class)))
    @APIResponse(responseCode = "409", description = "volume_attached: another instance has it; volume_deleting; volume_failed; instance_deleting")
    @APIResponse(responseCode = "422", description = "volume_not_found; too_many_volumes")
    public Uni<Response> attach(@PathParam("tenant") String tenant, @PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            VolumeAttach body) {
        return scoped.accepted(tenant, t -> {
            Requests.requireBody(body);
            new Checks().name(body.volume(), "volume", Checks.DNS_LABEL_MAX).throwIfInvalid();
            return attachments.attach(t, name, body.volume(), scoped.now(), scoped.ifMatch(ifMatch, "instance", name)).chain(() -> instances.find(t.id(), name));
        });
    }

    @DELETE
    @Path("/{name}/volumes/{volume}")
    @Operation(operationId = "detachVolume", summary = "Detach a volume", description = "A hot-plugged volume comes off the running guest; one attached at start"
            + " stays until the instance stops or restarts. The volume can be deleted once detached.")
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Instance.class)))
    public Uni<Response> detach(@PathParam("tenant") String tenant, @PathParam("name") String name,
            @PathParam("volume") String volume, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return scoped.accepted(tenant, t -> attachments.detach(t, name, volume, scoped.now(), scoped.ifMatch(ifMatch, "instance", name))
                .chain(() -> instances.find(t.id(), name)));
    }

    private Uni<Response> power(String tenant, String name, String ifMatch, boolean running) {
        return scoped.accepted(tenant, t -> instances.update(t, name, scoped.now(), scoped.ifMatch(ifMatch, "instance", name), current -> {
            InstanceSpec c = current.spec();
            return new InstanceSpec(c.name(), c.vcpus(), c.memoryMib(), c.image(), c.sshKeys(), c.sshKeyNames(), null, c.labels(),
                    c.region(), running, c.instanceType(), c.boot());
        }));
    }
}
