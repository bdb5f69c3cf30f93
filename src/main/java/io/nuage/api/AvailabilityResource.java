package io.nuage.api;

import java.time.Clock;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nuage.sla.SlaReports;
import io.nuage.sla.TenantAvailability;
import io.nuage.tenancy.TenantAccess;
import io.smallrye.mutiny.Uni;

/** A tenant's monthly SLA report: every resource, the total, the breach and the service credit. */
@Path("/v1/tenants/{tenant}/availability")
@Tag(name = "SLA and usage")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class AvailabilityResource {

    private final SlaReports reports;
    private final TenantAccess access;
    private final Clock clock;

    AvailabilityResource(SlaReports reports, TenantAccess access, Clock clock) {
        this.reports = reports;
        this.access = access;
        this.clock = clock;
    }

    @GET
    @Operation(operationId = "getTenantAvailability", summary = "Monthly availability of a tenant",
            description = "month is yyyy-MM (UTC), default the current month (to now). Resources deleted during the month are listed too.")
    public Uni<TenantAvailability> month(@PathParam("tenant") String tenant, @Parameter(schema = @Schema(type = SchemaType.STRING, pattern = QueryParams.MONTH_PATTERN)) @QueryParam("month") String month) {
        var now = clock.instant();
        var m = ReportPeriod.month(month, now);
        return access.read(tenant).chain(t -> reports.month(t, m, now));
    }
}
