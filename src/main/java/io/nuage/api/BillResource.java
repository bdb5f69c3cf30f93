package io.nuage.api;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
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

import io.nuage.billing.Bill;
import io.nuage.billing.Bills;
import io.nuage.tenancy.TenantAccess;
import io.smallrye.mutiny.Uni;

/** A tenant's estimated bill for a month, in JSON or, line by line, in CSV. */
@Path("/v1/tenants/{tenant}/bill")
@Tag(name = "Billing")
@SecurityRequirement(name = "bearer")
public class BillResource {

    static final String CSV_HEADER = "kind,name,id,meter,quantity,unit,unit_price,currency,amount\n";

    private final Bills bills;
    private final TenantAccess access;
    private final Clock clock;

    BillResource(Bills bills, TenantAccess access, Clock clock) {
        this.bills = bills;
        this.access = access;
        this.clock = clock;
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, UsageResource.CSV })
    @Operation(operationId = "getTenantBill", summary = "Estimated bill of a tenant", description = "month is yyyy-MM (UTC), default the"
            + " current month (an estimate, to now). The month's usage at the price sheet's prices (GET /v1/prices), one line per resource"
            + " and meter, the egress allowance and the SLA service credit as negative lines. JSON by default; CSV with Accept: text/csv"
            + " or format=csv.")
    @APIResponse(responseCode = "200", content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Bill.class)),
            @Content(mediaType = UsageResource.CSV, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "422", description = "month_not_billable: a month after the current one")
    public Uni<Response> bill(@PathParam("tenant") String tenant,
            @Parameter(schema = @Schema(type = SchemaType.STRING, pattern = QueryParams.MONTH_PATTERN)) @QueryParam("month") String month,
            @Parameter(description = "csv: the same as Accept: text/csv", schema = @Schema(type = SchemaType.STRING, enumeration = { "json", "csv" }))
            @QueryParam("format") String format,
            @Context HttpHeaders headers) {
        var now = clock.instant();
        Checks checks = new Checks();
        YearMonth m = QueryParams.month(checks, "month", month);
        checks.check(format == null || format.equals("json") || format.equals("csv"), "format", "must be json or csv");
        checks.check(m == null || m.getYear() >= 2000, "month", "must be in 2000 or later").throwIfInvalid();
        YearMonth billed = m != null ? m : YearMonth.from(now.atOffset(ZoneOffset.UTC));
        boolean csv = format != null ? format.equals("csv") : UsageResource.wantsCsv(headers.getAcceptableMediaTypes());
        return access.read(tenant).chain(t -> bills.bill(t, billed, now))
                .map(bill -> csv ? Response.ok(csv(bill), UsageResource.CSV).build() : Response.ok(bill, MediaType.APPLICATION_JSON).build());
    }

    /** One line per bill line, then the total (meter {@code total}, or {@code estimated_total} while the month runs). */
    static String csv(Bill bill) {
        StringBuilder sb = new StringBuilder(CSV_HEADER);
        for (Bill.Line l : bill.lines()) {
            // Names are DNS labels and units have no comma: nothing in a line needs quoting.
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%s,%s,%s,%s%n", l.kind(), l.name(), l.id(), l.meter(),
                    l.quantity().toPlainString(), l.unit(), l.unitPrice().toPlainString(), bill.currency(), l.amount().toPlainString()));
        }
        sb.append(String.format(Locale.ROOT, "total,%s,,%s,,,,%s,%s%n", bill.tenant(), bill.estimate() ? "estimated_total" : "total",
                bill.currency(), bill.total().toPlainString()));
        return sb.toString();
    }
}
