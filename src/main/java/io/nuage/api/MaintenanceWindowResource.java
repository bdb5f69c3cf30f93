package io.nuage.api;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nuage.db.ListFilter;
import io.nuage.platform.NuageConfig;
import io.nuage.platform.RegionDirectory;
import io.nuage.sla.MaintenanceWindow;
import io.nuage.sla.MaintenanceWindows;
import io.nuage.tenancy.Caller;
import io.nuage.tenancy.TenantAccess;
import io.nuage.tenancy.TenantStore;
import io.nuage.errors.NuageError;
import io.smallrye.mutiny.Uni;

/**
 * Maintenance windows: the operator announces them in advance; every tenant sees those that
 * cover it. Downtime inside a window is recorded as maintenance in the availability ledger.
 */
@DryRunnable
@Path("/v1/maintenance-windows")
@Tag(name = "Maintenance windows")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MaintenanceWindowResource {

    static final int LONGEST_DAYS = 7;
    static final Duration LONGEST = Duration.ofDays(LONGEST_DAYS);
    static final int REASON_MAX = 500;

    private final MaintenanceWindows windows;
    private final TenantStore tenants;
    private final TenantAccess access;
    private final NuageConfig config;
    private final RegionDirectory regions;
    private final Clock clock;
    private final ETags etags;

    MaintenanceWindowResource(MaintenanceWindows windows, TenantStore tenants, TenantAccess access, NuageConfig config,
            RegionDirectory regions, Clock clock, ETags etags) {
        this.windows = windows;
        this.tenants = tenants;
        this.access = access;
        this.config = config;
        this.regions = regions;
        this.clock = clock;
        this.etags = etags;
    }

    @POST
    @Operation(operationId = "createMaintenanceWindow", summary = "Announce a maintenance window (admin)",
            description = "starts_at must be at least nuage.sla.maintenance-notice ahead (422 maintenance_notice_too_short).")
    @APIResponse(responseCode = "201", description = "Announced", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MaintenanceWindow.class)))
    @APIResponse(responseCode = "422", description = "maintenance_notice_too_short, tenant_not_found")
    public Uni<Response> create(MaintenanceWindowCreate body) {
        access.requireAdmin(null);
        Requests.requireBody(body);
        Checks checks = new Checks().required(body.startsAt(), "starts_at").required(body.endsAt(), "ends_at")
                .required(body.reason(), "reason")
                .check(body.region() == null || regions.offers(body.region()), "region",
                        "unknown region; this installation offers " + regions.names())
                .check(body.reason() == null || (!body.reason().isBlank() && body.reason().length() <= REASON_MAX), "reason",
                        "must be 1 to " + REASON_MAX + " characters");
        if (body.startsAt() != null && body.endsAt() != null) {
            checks.check(body.startsAt().isBefore(clock.instant().plus(Duration.ofDays(366))), "starts_at",
                    "must be within a year from now");
            checks.check(body.endsAt().isAfter(body.startsAt()), "ends_at", "must be after starts_at")
                    .check(Duration.between(body.startsAt(), body.endsAt()).compareTo(LONGEST) <= 0, "ends_at",
                            "a window lasts at most " + LONGEST_DAYS + " days");
        }
        checks.throwIfInvalid();
        Instant now = clock.instant();
        Instant earliest = now.plus(config.sla().maintenanceNotice());
        if (body.startsAt().isBefore(earliest)) {
            throw NuageError.rejected("maintenance_notice_too_short", "A maintenance window must be announced at least "
                    + config.sla().maintenanceNotice() + " before it starts: starts_at " + body.startsAt() + " is before " + earliest,
                    Map.of("notice", config.sla().maintenanceNotice().toString(), "earliest_start", earliest.toString()));
        }
        Uni<UUID> tenantId = body.tenant() == null ? Uni.createFrom().nullItem()
                : tenants.find(body.tenant()).map(t -> {
                    if (t == null) {
                        throw NuageError.rejected("tenant_not_found", "Tenant '" + body.tenant() + "' does not exist",
                                Map.of("tenant", body.tenant()));
                    }
                    return t.id();
                });
        return tenantId.chain(id -> windows.create(body.region(), id, body.startsAt(), body.endsAt(), body.reason(), now))
                .map(w -> Response.created(URI.create("/v1/maintenance-windows/" + w.id())).entity(w).build());
    }

    @GET
    @Operation(operationId = "listMaintenanceWindows", summary = "List maintenance windows",
            description = "Those not over yet, soonest first; with past=true the finished ones too. A tenant token sees the windows that cover its tenant."
                    + " created_after and created_before filter it (windows have no labels).")
    public Uni<List<MaintenanceWindow>> list(
            @Parameter(schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) @QueryParam("past") String past,
            @BeanParam FilterQuery filter) {
        Checks checks = new Checks();
        boolean finishedToo = QueryParams.flag(checks, "past", past, false);
        checks.throwIfInvalid();
        ListFilter f = filter.unlabelled().filter(List.of());
        return visibleTo(access.caller()).chain(visible -> windows.list(finishedToo, clock.instant(), f)
                .map(all -> all.stream().filter(visible::covers).toList()));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getMaintenanceWindow", summary = "Get a maintenance window", description = "A tenant token sees only the windows that cover its tenant.")
    public Uni<MaintenanceWindow> get(@PathParam("id") String id) {
        UUID uuid = parse(id);
        return visibleTo(access.caller()).chain(visible -> windows.find(uuid).map(w -> {
            if (w == null || !visible.covers(w)) {
                throw NuageError.notFound("maintenance window", id);
            }
            return w;
        }));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "cancelMaintenanceWindow", summary = "Cancel a maintenance window (admin)", description = "Only before it starts: 409 window_started after.")
    @APIResponse(responseCode = "204", description = "Cancelled")
    @APIResponse(responseCode = "409", description = "window_started: it is part of the record")
    public Uni<Response> cancel(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        access.requireAdmin(null);
        UUID uuid = parse(id);
        return windows.find(uuid).chain(w -> {
            if (w == null) {
                throw NuageError.notFound("maintenance window", id);
            }
            // A window never changes once announced, only goes: checked here, If-Match holds when the cancel runs.
            etags.ifMatch(ifMatch, "maintenance window", id).check(w);
            return windows.cancel(uuid, clock.instant()).map(cancelled -> {
                if (!cancelled) {
                    throw NuageError.conflict("window_started", "Maintenance window " + id + " started at " + w.startsAt()
                            + ": it is part of the record and cannot be cancelled", Map.of("starts_at", w.startsAt().toString()));
                }
                return Response.noContent().build();
            });
        });
    }

    /** Which windows a caller may see: all for the operator, those covering its tenant for a tenant token. */
    private Uni<Visible> visibleTo(Caller caller) {
        if (caller.isAdmin()) {
            return Uni.createFrom().item(new Visible(null, null));
        }
        return tenants.find(caller.tenantName()).map(t -> {
            if (t == null) {
                throw NuageError.notFound("tenant", caller.tenantName()); // deleted since the token was checked
            }
            return new Visible(t.id(), t.regions());
        });
    }

    private record Visible(UUID tenantId, List<String> regions) {
        boolean covers(MaintenanceWindow w) {
            return tenantId == null || ((w.tenantId() == null || w.tenantId().equals(tenantId))
                    && (w.region() == null || regions.contains(w.region())));
        }
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw NuageError.notFound("maintenance window", id);
        }
    }
}
