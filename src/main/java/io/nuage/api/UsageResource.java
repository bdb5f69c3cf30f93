package io.nuage.api;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nuage.sla.SlaReports;
import io.nuage.sla.UsageReport;
import io.nuage.tenancy.TenantAccess;
import io.smallrye.mutiny.Uni;

/** What a tenant consumed, in JSON or, for spreadsheets and billing tools, CSV. */
@Path("/v1/tenants/{tenant}/usage")
@Tag(name = "SLA and usage")
@SecurityRequirement(name = "bearer")
public class UsageResource {

    static final String CSV_HEADER = "kind,name,id,category,hours,vcpu_hours,memory_gib_hours,storage_gib_hours\n";

    private final SlaReports reports;
    private final TenantAccess access;
    private final Clock clock;

    UsageResource(SlaReports reports, TenantAccess access, Clock clock) {
        this.reports = reports;
        this.access = access;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Usage of a tenant", description = "from/to are RFC 3339, default the current month to now. With Accept: text/csv,"
            + " one line per resource and category.")
    public Uni<UsageReport> usage(@PathParam("tenant") String tenant, @QueryParam("from") String from, @QueryParam("to") String to) {
        var now = clock.instant();
        ReportPeriod p = ReportPeriod.parse(from, to, now);
        return access.read(tenant).chain(t -> reports.usage(t, p.from(), p.to(), now));
    }

    @GET
    @Produces("text/csv")
    @Operation(summary = "Usage of a tenant, as CSV")
    public Uni<String> csv(@PathParam("tenant") String tenant, @QueryParam("from") String from, @QueryParam("to") String to) {
        return usage(tenant, from, to).map(UsageResource::csv);
    }

    static String csv(UsageReport report) {
        StringBuilder sb = new StringBuilder(CSV_HEADER);
        for (UsageReport.ResourceUsage r : report.resources()) {
            for (Map.Entry<String, UsageReport.Amounts> e : r.byCategory().entrySet()) {
                UsageReport.Amounts a = e.getValue();
                // Names are DNS labels: nothing in a line needs quoting.
                sb.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%.4f,%.4f,%.4f,%.4f%n", r.kind(), r.name(), r.id(), e.getKey(),
                        a.hours(), a.vcpuHours(), a.memoryGibHours(), a.storageGibHours()));
            }
        }
        return sb.toString();
    }
}
