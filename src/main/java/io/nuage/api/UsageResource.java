package io.nuage.api;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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

    static final String CSV = "text/csv";
    static final String CSV_HEADER = "kind,name,id,category,hours,vcpu_hours,memory_gib_hours,storage_gib_hours,address_hours,egress_gib\n";

    private final SlaReports reports;
    private final TenantAccess access;
    private final Clock clock;

    UsageResource(SlaReports reports, TenantAccess access, Clock clock) {
        this.reports = reports;
        this.access = access;
        this.clock = clock;
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, CSV })
    @Operation(operationId = "getTenantUsage", summary = "Usage of a tenant", description = "from/to are RFC 3339, default the current month (UTC) to now; at most "
            + ReportPeriod.LONGEST_DAYS + " days. JSON by default; with Accept: text/csv, one line per resource and category, and an instance's egress on a line of"
            + " its own (category egress).")
    @APIResponse(responseCode = "200", content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UsageReport.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)) })
    public Uni<Response> usage(@PathParam("tenant") String tenant, @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to,
            @Context HttpHeaders headers) {
        var now = clock.instant();
        ReportPeriod p = ReportPeriod.parse(from, to, now);
        boolean csv = wantsCsv(headers.getAcceptableMediaTypes());
        return access.read(tenant).chain(t -> reports.usage(t, p.from(), p.to(), now))
                .map(report -> csv ? Response.ok(csv(report), CSV).build() : Response.ok(report, MediaType.APPLICATION_JSON).build());
    }

    /** CSV only when asked for before JSON: a client that accepts anything gets JSON. */
    static boolean wantsCsv(List<MediaType> acceptable) {
        for (MediaType m : acceptable) {
            if (m.isCompatible(MediaType.valueOf(CSV)) && !m.isWildcardType()) {
                return true;
            }
            if (m.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }

    static String csv(UsageReport report) {
        StringBuilder sb = new StringBuilder(CSV_HEADER);
        for (UsageReport.ResourceUsage r : report.resources()) {
            for (Map.Entry<String, UsageReport.Amounts> e : r.byCategory().entrySet()) {
                UsageReport.Amounts a = e.getValue();
                // Names are DNS labels: nothing in a line needs quoting.
                sb.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%.4f,%.4f,%.4f,%.4f,%.4f,0.0000%n", r.kind(), r.name(), r.id(), e.getKey(),
                        a.hours(), a.vcpuHours(), a.memoryGibHours(), a.storageGibHours(), a.addressHours()));
            }
            // Egress is not a ledger category: an instance that sent data has a line of its own, category "egress".
            if (r.egressGib() > 0) {
                sb.append(String.format(Locale.ROOT, "%s,%s,%s,egress,0.0000,0.0000,0.0000,0.0000,0.0000,%.4f%n", r.kind(), r.name(), r.id(),
                        r.egressGib()));
            }
        }
        return sb.toString();
    }
}
