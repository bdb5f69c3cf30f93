package io.nuage.api;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nuage.compute.InstanceStore;
import io.nuage.network.NetworkStore;
import io.nuage.publicip.PublicIpStore;
import io.nuage.sla.ResourceAvailability;
import io.nuage.sla.SlaReports;
import io.nuage.storage.VolumeStore;
import io.nuage.tenancy.Tenant;
import io.nuage.errors.NuageError;
import io.smallrye.mutiny.Uni;

/** The availability of one instance, volume, network or public address over a period, with its incidents. */
@Path("/v1/tenants/{tenant}/{kind: instances|volumes|networks|public-ips}/{name}/availability")
@Tag(name = "SLA and usage")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class ResourceAvailabilityResource {

    private final SlaReports reports;
    private final InstanceStore instances;
    private final VolumeStore volumes;
    private final NetworkStore networks;
    private final PublicIpStore publicIps;
    private final TenantScoped scoped;

    ResourceAvailabilityResource(SlaReports reports, InstanceStore instances, VolumeStore volumes, NetworkStore networks,
            PublicIpStore publicIps, TenantScoped scoped) {
        this.publicIps = publicIps;
        this.reports = reports;
        this.instances = instances;
        this.volumes = volumes;
        this.networks = networks;
        this.scoped = scoped;
    }

    @GET
    @Operation(operationId = "getResourceAvailability", summary = "Availability of an instance, volume, network or public address",
            description = "from/to are RFC 3339, default the current month (UTC) to now; at most "
            + ReportPeriod.LONGEST_DAYS + " days.")
    public Uni<ResourceAvailability> get(@PathParam("tenant") String tenant,
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = { "instances", "volumes", "networks", "public-ips" })) @PathParam("kind") String kind,
            @PathParam("name") String name,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to) {
        var now = scoped.now();
        ReportPeriod p = ReportPeriod.parse(from, to, now);
        String singular = kind.equals("public-ips") ? "public_ip" : kind.substring(0, kind.length() - 1);
        return scoped.read(tenant).chain(t -> id(t, kind, name)
                .onItem().ifNull().failWith(() -> NuageError.notFound(singular, name))
                .chain(id -> reports.resource(t.id(), singular, id, name, p.from(), p.to(), now)));
    }

    private Uni<UUID> id(Tenant t, String kind, String name) {
        return switch (kind) {
            case "instances" -> instances.find(t.id(), name).map(i -> i == null ? null : i.id());
            case "volumes" -> volumes.find(t.id(), name).map(v -> v == null ? null : v.id());
            case "public-ips" -> publicIps.find(t.id(), name).map(p -> p == null ? null : p.id());
            default -> networks.find(t.id(), name).map(n -> n == null ? null : n.id());
        };
    }
}
